package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.kernel.AdamCoefficients;
import org.backprop4j.kernel.OptimizerUpdates;
import org.backprop4j.kernel.OptimizerUpdatesF64;
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
 * {@code v̂ = v / (1 − β2^t)}. Arithmetic is in the parameter's precision: float32 parameters are
 * updated in float32 (vectorised; PyTorch's arithmetic for float32 tensors), float64 in double. The
 * element loop is the kernel's ({@link org.backprop4j.kernel.AdamCoefficients} states it again).
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
    /** Reused for every update (a step allocates nothing); steps of one optimiser never overlap. */
    private final AdamCoefficients coefficients = new AdamCoefficients();

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

    /**
     * Update number {@code t} (1 at the first) of parameter {@code i} of {@code opt}, whose state buffers are
     * {@link #bufferNames()}: one fused pass (kernel.OptimizerUpdates); true when every new value is finite.
     */
    boolean update(Optimizer opt, int i, NDArray p, NDArray g, long t, double lr) {
        NDArray m = opt.buffer(i, 0);
        NDArray v = opt.buffer(i, 1);
        NDArray vmax = amsgrad ? opt.buffer(i, 2) : null;
        AdamCoefficients c = coefficients.set(beta1, beta2, eps, weightDecay, decoupled, t, lr);
        if (p.dtype() == DType.FLOAT64) {
            return OptimizerUpdatesF64.adam(p.doubleData(), g.doubleData(), m.doubleData(), v.doubleData(),
                    vmax == null ? null : vmax.doubleData(), opt.twinDouble(i), c);
        }
        return OptimizerUpdates.adam(p.floatData(), g.floatData(), m.floatData(), v.floatData(),
                vmax == null ? null : vmax.floatData(), opt.twinFloat(i), c);
    }
}
