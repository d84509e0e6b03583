package org.backprop4j.cli;

import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingListener;

/**
 * Prints a warning on stderr for each batch skipped under {@code --on-nan skip-batch} (the first 20,
 * then a count), and says so when an epoch skipped every batch.
 */
final class SkipReporter implements TrainingListener {
    private static final int SHOWN = 20;
    private int skipped;
    private int skippedThisEpoch;
    private int trainedThisEpoch;

    @Override
    public void onEpochStart(int epoch, int totalEpochs, int samples) {
        skippedThisEpoch = 0;
        trainedThisEpoch = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int batchSize, double loss, int batchCorrect) {
        trainedThisEpoch++;
    }

    @Override
    public void onBatchSkipped(int epoch, int step, String problem) {
        skipped++;
        skippedThisEpoch++;
        if (skipped <= SHOWN) {
            System.err.println("warning: skipped epoch " + epoch + ", step " + step + ": " + problem);
        } else if (skipped % 1000 == 0) {
            System.err.println("warning: " + skipped + " batches skipped so far");
        }
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        if (trainedThisEpoch == 0 && skippedThisEpoch > 0) {
            System.err.println("warning: epoch " + r.epoch() + ": all " + skippedThisEpoch
                    + " batches skipped, nothing was trained");
        }
    }
}
