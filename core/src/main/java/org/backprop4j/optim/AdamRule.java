package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/**
 * The element-wise update shared by {@link Adam} and {@link AdamW}, as implemented by PyTorch's
 * {@code torch.optim.Adam} / {@code AdamW} (single-tensor path). At update t of a parameter p with
 * gradient g:
 *
 * <pre>
 * p = p (1 − γ λ)                           (AdamW: decoupled decay)
 * g = g + λ p                               (Adam: coupled L2 decay)
 * m = β1 m + (1 − β1) g
 * v = β2 v + (1 − β2) g²
 * v̂max = max(v̂max, v)                      (amsgrad; the max of the raw v, as PyTorch does)
 * p = p − (γ / (1 − β1^t)) · m / (sqrt(v or v̂max) / sqrt(1 − β2^t) + ε)
 * </pre>
 *
 * which equals {@code p − γ m̂ / (sqrt(v̂) + ε)} with {@code m̂ = m / (1 − β1^t)} and
 * {@code v̂ = v / (1 − β2^t)}. Arithmetic is in double; float32 values are rounded when stored.
 */
final class AdamRule {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    final double beta1;
    final double beta2;
    final double eps;
    final double weightDecay;
    final boolean amsgrad;
    final boolean decoupled;

    AdamRule(double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean decoupled) {
        this.beta1 = beta(0, beta1);
        this.beta2 = beta(1, beta2);
        this.eps = Checks.nonNegative("epsilon", eps);
        this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    static double beta(int index, double b) {
        if (!(b >= 0 && b < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index " + index + ": " + b
                    + " (must be in [0, 1))");
        }
        return b;
    }

    /** The state buffers, in the order {@link #update} takes them. */
    List<String> bufferNames() {
        return amsgrad ? List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(EXP_AVG, EXP_AVG_SQ);
    }

    /** Runs {@link #step} of an optimiser whose state buffers are {@link #bufferNames()}. */
    void step(Optimizer opt) {
        double lr = opt.lr();
        for (int i = 0, n = opt.params().size(); i < n; i++) {
            NDArray g = opt.gradOf(i);
            if (g == null) {
                continue;
            }
            long t = opt.beginUpdate(i);
            NDArray p = opt.params().get(i).data();
            NDArray vmax = amsgrad ? opt.buffer(i, 2) : null;
            update(p, g, opt.buffer(i, 0), opt.buffer(i, 1), vmax, t, lr);
        }
        opt.completeStep();
    }

    /** Update number {@code t} (1 at the first) of one parameter. */
    void update(NDArray p, NDArray g, NDArray m, NDArray v, NDArray vmax, long t, double lr) {
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double decay = decoupled ? 1 - lr * weightDecay : 1;
        double l2 = decoupled ? 0 : weightDecay;
        if (p.dtype() == DType.FLOAT64) {
            update(p.doubleData(), g.doubleData(), m.doubleData(), v.doubleData(),
                    vmax == null ? null : vmax.doubleData(), stepSize, bc2Sqrt, decay, l2);
        } else {
            update(p.floatData(), g.floatData(), m.floatData(), v.floatData(),
                    vmax == null ? null : vmax.floatData(), stepSize, bc2Sqrt, decay, l2);
        }
    }

    private void update(double[] p, double[] grad, double[] m, double[] v, double[] vmax,
            double stepSize, double bc2Sqrt, double decay, double l2) {
        double b1 = beta1;
        double b2 = beta2;
        double c1 = 1 - b1;
        double c2 = 1 - b2;
        for (int j = 0; j < p.length; j++) {
            double pj = p[j];
            if (decoupled) {
                pj = pj * decay;
            }
            double g = grad[j];
            if (l2 != 0) {
                g = g + l2 * pj;
            }
            double mj = b1 * m[j] + c1 * g;
            double vj = b2 * v[j] + c2 * g * g;
            m[j] = mj;
            v[j] = vj;
            if (vmax != null) {
                vj = Math.max(vmax[j], vj);
                vmax[j] = vj;
            }
            double denom = Math.sqrt(vj) / bc2Sqrt + eps;
            p[j] = pj - stepSize * (mj / denom);
        }
    }

    private void update(float[] p, float[] grad, float[] m, float[] v, float[] vmax,
            double stepSize, double bc2Sqrt, double decay, double l2) {
        double b1 = beta1;
        double b2 = beta2;
        double c1 = 1 - b1;
        double c2 = 1 - b2;
        for (int j = 0; j < p.length; j++) {
            double pj = p[j];
            if (decoupled) {
                pj = pj * decay;
            }
            double g = grad[j];
            if (l2 != 0) {
                g = g + l2 * pj;
            }
            float mj = (float) (b1 * m[j] + c1 * g);
            float vj = (float) (b2 * v[j] + c2 * g * g);
            m[j] = mj;
            v[j] = vj;
            if (vmax != null) {
                vj = Math.max(vmax[j], vj);
                vmax[j] = vj;
            }
            double denom = Math.sqrt(vj) / bc2Sqrt + eps;
            p[j] = (float) (pj - stepSize * (mj / denom));
        }
    }
}
