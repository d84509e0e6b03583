package org.backprop4j.train;

/**
 * Training ended early because its interrupt flag was set (for example by Ctrl-C); it stopped at a
 * step boundary, after the listeners heard {@link TrainingListener#onInterrupt}.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The 1-based epoch of the step. */
    private final int epoch;
    /** The 1-based step within the epoch. */
    private final int step;

    /** An interrupt after {@code step} (1-based) of {@code epoch} (1-based). */
    public TrainingInterruptedException(int epoch, int step) {
        super("training interrupted after step " + step + " of epoch " + epoch);
        this.epoch = epoch;
        this.step = step;
    }

    /** The 1-based epoch in which training stopped. */
    public int epoch() {
        return epoch;
    }

    /** The last step (1-based) completed in that epoch. */
    public int step() {
        return step;
    }
}
