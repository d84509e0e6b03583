package org.backprop4j.optim;

import java.util.Objects;

/**
 * Applies a {@link LrSchedule} to an {@link Optimizer}: the constructor sets the rate of step 0 and
 * each {@link #step()} (once per step or epoch, after {@code optimizer.step()}) sets the next one.
 *
 * <pre>{@code
 * Scheduler sched = new Scheduler(opt, new LinearWarmup(100, 0.1, new CosineAnnealingLR(1e-3, 900, 0)));
 * for (...) { ...; opt.step(); sched.step(); }
 * }</pre>
 */
public final class Scheduler {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private int t;

    /** A scheduler at t = 0; sets the optimiser's learning rate to {@code schedule.lr(0)}. */
    public Scheduler(Optimizer optimizer, LrSchedule schedule) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        optimizer.setLr(schedule.lr(0));
    }

    /** Advances to the next step and sets the optimiser's learning rate to {@code schedule.lr(t)}. */
    public void step() {
        if (t == Integer.MAX_VALUE) {
            throw new IllegalStateException("scheduler step counter overflow");
        }
        optimizer.setLr(schedule.lr(t + 1));
        t++;
    }

    /** The current step t (0 before the first {@link #step()}). */
    public int t() {
        return t;
    }

    /** Moves to step t (when resuming from a checkpoint) and sets the learning rate of that step. */
    public void seek(int t) {
        optimizer.setLr(schedule.lr(Checks.stepIndex(t)));
        this.t = t;
    }

    /** The current learning rate of the schedule, {@code schedule.lr(t)}. */
    public double lr() {
        return schedule.lr(t);
    }
}
