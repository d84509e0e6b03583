package org.backprop4j.kernel;

/**
 * The scalars of one SGD update of one parameter (see optim.SGD): {@code g = g + λ p};
 * {@code b = g} at the first update, else {@code b = μ b + (1 − τ) g}; {@code g = g + μ b}
 * (Nesterov) or {@code g = b}; {@code p = p − γ g}; plain float32 SGD (no decay, no momentum) is the one
 * fused multiply-add {@code p = fma(−γ, g, p)}, PyTorch's {@code p.add_(g, alpha=-lr)}. A float64 parameter is updated in double
 * arithmetic, a float32 one in float32 arithmetic with the scalars rounded to float32 (as PyTorch
 * updates a float32 tensor). Mutable and reused, so that a step allocates nothing.
 */
public final class SgdCoefficients {
    double lr;
    double weightDecay;
    double momentum;
    double keep;
    boolean nesterov;
    boolean first;
    /** No weight decay and no momentum: float32 takes the fused {@code p = fma(-(float) lr, g, p)}. */
    boolean plain;
    // the same scalars rounded to float32, for the float32 update (PyTorch's arithmetic on float32 tensors)
    float lrF;
    float weightDecayF;
    float momentumF;
    float keepF;
    float negLrF;

    /** Sets the scalars: learning rate γ, weight decay λ, momentum μ, dampening τ, Nesterov, first update. */
    public SgdCoefficients set(double lr, double weightDecay, double momentum, double dampening, boolean nesterov,
                               boolean first) {
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.keep = 1 - dampening;
        this.nesterov = nesterov;
        this.first = first;
        this.plain = weightDecay == 0 && momentum == 0;
        this.lrF = (float) lr;
        this.weightDecayF = (float) weightDecay;
        this.momentumF = (float) momentum;
        this.keepF = (float) keep;
        this.negLrF = (float) -lr;
        return this;
    }
}
