package org.backprop4j.optim;

import java.util.List;
import java.util.Objects;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/** Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales the gradients of the parameters in place so that their global L2 norm (over all of
     * them together) is at most {@code maxNorm}, and returns the norm before clipping. As in
     * PyTorch the scale is {@code maxNorm / (norm + 1e-6)}, applied only when it is below 1.
     * Parameters without a gradient are skipped. The sum of squares is accumulated in double in
     * parameter order; nothing is allocated.
     *
     * <p>When the norm is not finite (a gradient holds NaN or an infinity) it is returned and the
     * gradients are left unchanged, so that the caller can detect it and skip the step; PyTorch
     * would instead scale every gradient by NaN or zero.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        Objects.requireNonNull(params, "params");
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("max_norm must be >= 0, got " + maxNorm);
        }
        double sumSq = 0;
        for (int i = 0, n = params.size(); i < n; i++) {
            NDArray g = gradOf(params.get(i));
            if (g == null) {
                continue;
            }
            float[] f = g.floatData();
            if (f != null) {
                for (float x : f) {
                    sumSq += (double) x * x;
                }
            } else {
                for (double x : g.doubleData()) {
                    sumSq += x * x;
                }
            }
        }
        double total = Math.sqrt(sumSq);
        if (!Double.isFinite(total)) {
            return total;
        }
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            for (int i = 0, n = params.size(); i < n; i++) {
                NDArray g = gradOf(params.get(i));
                if (g == null) {
                    continue;
                }
                float[] f = g.floatData();
                if (f != null) {
                    for (int j = 0; j < f.length; j++) {
                        f[j] = (float) (f[j] * coef);
                    }
                } else {
                    double[] d = g.doubleData();
                    for (int j = 0; j < d.length; j++) {
                        d[j] = d[j] * coef;
                    }
                }
            }
        }
        return total;
    }

    private static NDArray gradOf(Tensor p) {
        Tensor g = Objects.requireNonNull(p, "parameter").grad();
        return g == null ? null : g.data();
    }
}
