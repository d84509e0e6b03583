package org.backprop4j.train;

import java.util.List;

/**
 * Stops training when the validation loss has not improved (decreased by more than
 * {@code minDelta}) for {@code patience} epochs in a row, like Keras' {@code EarlyStopping}. Its
 * state follows from the epoch history alone, so a resumed run rebuilds it with {@link #replay(List)}.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int waited;

    /** Early stopping after {@code patience >= 1} epochs without improvement. */
    public EarlyStopping(int patience) {
        this(patience, 0);
    }

    /** Early stopping after {@code patience >= 1} epochs without an improvement larger than {@code minDelta >= 0}. */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("early-stopping patience must be at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("min delta must be >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Feeds the results of epochs already run (e.g. from a checkpoint), in order. */
    public void replay(List<EpochResult> history) {
        for (EpochResult r : history) {
            onEpochEnd(r);
        }
    }

    /** Records an epoch's validation loss; an epoch without validation counts as no improvement. */
    @Override
    public void onEpochEnd(EpochResult r) {
        if (r.hasValidation() && r.validationLoss() < best - minDelta) {
            best = r.validationLoss();
            bestEpoch = r.epoch();
            waited = 0;
        } else {
            waited++;
        }
    }

    /** True once {@code patience} epochs in a row have not improved. */
    @Override
    public boolean shouldStop() {
        return waited >= patience;
    }

    /** The best validation loss so far (infinity before any). */
    public double bestLoss() {
        return best;
    }

    /** The epoch of the best validation loss (0 before any). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The patience in epochs. */
    public int patience() {
        return patience;
    }
}
