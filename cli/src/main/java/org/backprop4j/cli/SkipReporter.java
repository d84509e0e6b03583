package org.backprop4j.cli;

import org.backprop4j.train.TrainingListener;

/** Prints a warning on stderr for each batch skipped under {@code --on-nan skip-batch} (the first 20, then a count). */
final class SkipReporter implements TrainingListener {
    private static final int SHOWN = 20;
    private int skipped;

    @Override
    public void onBatchSkipped(int epoch, int step, String problem) {
        skipped++;
        if (skipped <= SHOWN) {
            System.err.println("warning: skipped epoch " + epoch + ", step " + step + ": " + problem);
        } else if (skipped % 1000 == 0) {
            System.err.println("warning: " + skipped + " batches skipped so far");
        }
    }
}
