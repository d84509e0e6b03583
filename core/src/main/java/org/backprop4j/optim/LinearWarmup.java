package org.backprop4j.optim;

import java.util.Objects;

/**
 * A linear warm-up before another schedule: the rate rises linearly from
 * {@code startFactor · after.lr(0)} to {@code after.lr(0)} over {@code warmupSteps} steps, then
 * follows {@code after} shifted by the warm-up. This is PyTorch's {@code LinearLR(start_factor,
 * total_iters=warmupSteps)} followed by {@code after} in a {@code SequentialLR}:
 * {@code lr(t) = after.lr(0) · (startFactor + (1 − startFactor) t / warmupSteps)} for
 * {@code t < warmupSteps}, and {@code after.lr(t − warmupSteps)} from then on.
 */
public final class LinearWarmup implements LrSchedule {
    private final int warmupSteps;
    private final double startFactor;
    private final LrSchedule after;

    /** A warm-up of {@code warmupSteps >= 0} steps from {@code startFactor} in [0, 1], then {@code after}. */
    public LinearWarmup(int warmupSteps, double startFactor, LrSchedule after) {
        this.warmupSteps = Checks.atLeast("warmup_steps", warmupSteps, 0);
        this.startFactor = Checks.unitInterval("start_factor", startFactor);
        this.after = Objects.requireNonNull(after, "after");
    }

    /** The warm-up rate for {@code t < warmupSteps}, else {@code after.lr(t − warmupSteps)}. */
    @Override
    public double lr(int t) {
        if (Checks.stepIndex(t) < warmupSteps) {
            return after.lr(0) * (startFactor + (1 - startFactor) * t / warmupSteps);
        }
        return after.lr(t - warmupSteps);
    }
}
