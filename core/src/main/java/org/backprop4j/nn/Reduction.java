package org.backprop4j.nn;

/** How a loss combines the per-sample losses of a batch (PyTorch's {@code reduction} argument). */
public enum Reduction {
    /** The weighted mean: the sum divided by the total weight of the counted samples. */
    MEAN,
    /** The sum. */
    SUM,
    /** One loss per sample, no reduction. */
    NONE;

    /** True unless {@link #NONE}. */
    public boolean reduces() {
        return this != NONE;
    }

    /** True for {@link #MEAN}. */
    public boolean normalizes() {
        return this == MEAN;
    }
}
