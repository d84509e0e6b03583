package org.backprop4j.optim;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} steps, as PyTorch's {@code StepLR}:
 * {@code lr(t) = baseLr · gamma^floor(t / stepSize)}.
 */
public final class StepLR implements LrSchedule {
    private final double baseLr;
    private final int stepSize;
    private final double gamma;

    /** A step decay from {@code baseLr}; stepSize >= 1, gamma finite and > 0. */
    public StepLR(double baseLr, int stepSize, double gamma) {
        this.baseLr = Checks.learningRate(baseLr);
        this.stepSize = Checks.atLeast("step_size", stepSize, 1);
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("Invalid gamma value: " + gamma + " (must be finite and > 0)");
        }
        this.gamma = gamma;
    }

    /** {@code baseLr · gamma^floor(t / stepSize)}. */
    @Override
    public double lr(int t) {
        return baseLr * Math.pow(gamma, Checks.stepIndex(t) / stepSize);
    }
}
