package org.backprop4j.train;

/**
 * Training stopped because the loss or a gradient became NaN or infinite; the message names the
 * epoch, the step and the first parameter with a non-finite gradient. The optimiser did not take
 * that step, so the parameters are those after the last good step.
 */
public class NonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** The 1-based epoch of the step. */
    private final int epoch;
    /** The 1-based step within the epoch. */
    private final int step;

    /** A divergence at {@code step} (1-based) of {@code epoch} (1-based), described by {@code problem}. */
    public NonFiniteException(int epoch, int step, String problem) {
        super("training diverged at epoch " + epoch + ", step " + step + ": " + problem
                + "; stopped before the optimiser step (lower the learning rate, clip gradients, or use --on-nan skip-batch)");
        this.epoch = epoch;
        this.step = step;
    }

    /** The 1-based epoch of the bad step. */
    public int epoch() {
        return epoch;
    }

    /** The 1-based step of the bad batch within its epoch. */
    public int step() {
        return step;
    }
}
