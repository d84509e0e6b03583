package org.backprop4j.optim;

/**
 * A learning-rate schedule: the learning rate at step (or epoch) t, counted from t = 0, in closed
 * form. A {@link Scheduler} applies one to an {@link Optimizer}.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate at step t (t >= 0). */
    double lr(int t);
}
