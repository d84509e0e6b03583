package org.backprop4j.kernel;

/**
 * The scalars of one Adam/AdamW update of one parameter at step t (see optim.AdamRule):
 * {@code p = p·decay; g = g + l2·p; m = β1 m + (1 − β1) g; v = β2 v + (1 − β2) g·g;
 * p = p − stepSize · m / (sqrt(v) / bc2Sqrt + ε)}, with {@code stepSize = γ / (1 − β1^t)} and
 * {@code bc2Sqrt = sqrt(1 − β2^t)}, computed in double; a float64 parameter is updated in double
 * arithmetic, a float32 one in float32 arithmetic with these scalars rounded to float32 (as PyTorch
 * updates a float32 tensor). Mutable and reused, so that a step allocates nothing.
 */
public final class AdamCoefficients {
    double beta1;
    double beta2;
    double eps;
    double stepSize;
    double bc2Sqrt;
    double decay;
    double l2;
    boolean decoupled;
    // the same scalars rounded to float32, for the float32 update (PyTorch's arithmetic on float32 tensors)
    float beta1F;
    float beta2F;
    float oneMinusBeta1F;
    float oneMinusBeta2F;
    float epsF;
    float stepSizeF;
    float bc2SqrtF;
    float decayF;
    float l2F;

    /**
     * Sets the scalars of update {@code t} (1 at the first) with learning rate {@code lr}; weight
     * decay is decoupled (AdamW, {@code p = p (1 − γ λ)}) or coupled (Adam, {@code g = g + λ p}).
     */
    public AdamCoefficients set(double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
                                long t, double lr) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.stepSize = lr / (1 - Math.pow(beta1, t));
        this.bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        this.decoupled = decoupled;
        this.decay = decoupled ? 1 - lr * weightDecay : 1;
        this.l2 = decoupled ? 0 : weightDecay;
        this.beta1F = (float) beta1;
        this.beta2F = (float) beta2;
        this.oneMinusBeta1F = (float) (1 - beta1);
        this.oneMinusBeta2F = (float) (1 - beta2);
        this.epsF = (float) eps;
        this.stepSizeF = (float) stepSize;
        this.bc2SqrtF = (float) bc2Sqrt;
        this.decayF = (float) decay;
        this.l2F = (float) l2;
        return this;
    }
}
