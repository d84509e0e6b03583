package org.backprop4j.optim;

/**
 * A constant learning rate, optionally scaled by a factor for the first steps, as PyTorch's
 * {@code ConstantLR}: {@code lr(t) = baseLr · factor} for {@code t < totalIters}, {@code baseLr} after.
 */
public final class ConstantLR implements LrSchedule {
    private final double baseLr;
    private final double factor;
    private final int totalIters;

    /** The same learning rate at every step. */
    public ConstantLR(double baseLr) {
        this(baseLr, 1, 0);
    }

    /** {@code baseLr · factor} for the first {@code totalIters} steps, then {@code baseLr}; factor in [0, 1]. */
    public ConstantLR(double baseLr, double factor, int totalIters) {
        this.baseLr = Checks.learningRate(baseLr);
        this.factor = Checks.unitInterval("factor", factor);
        this.totalIters = Checks.atLeast("total_iters", totalIters, 0);
    }

    /** {@code baseLr · factor} while {@code t < totalIters}, else {@code baseLr}. */
    @Override
    public double lr(int t) {
        return Checks.stepIndex(t) < totalIters ? baseLr * factor : baseLr;
    }
}
