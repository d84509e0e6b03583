package org.backprop4j.train;

/** Receives progress from a {@link Trainer}; every method has an empty default. */
public interface TrainingListener {
    /** Called before the first batch of an epoch (1-based) with its number of samples. */
    default void onEpochStart(int epoch, int totalEpochs, int samples) {
    }

    /** Called after each training step with the batch size, the batch's mean loss and its number correct. */
    default void onBatchEnd(int epoch, int step, int batchSize, double loss, int correct) {
    }

    /** Called instead of {@link #onBatchEnd} when a batch is skipped because its loss or a gradient is not finite. */
    default void onBatchSkipped(int epoch, int step, String problem) {
    }

    /**
     * Called once when training is interrupted (see {@link Trainer.Builder#interrupt}) at a step
     * boundary; the model and optimiser are consistent, and {@code at} is where
     * {@link Trainer#fit(org.backprop4j.data.DataLoader, org.backprop4j.data.Dataset, TrainingPosition)}
     * continues (save it with the model, optimiser and generators for an exact resume).
     */
    default void onInterrupt(TrainingPosition at) {
    }

    /** Called after an epoch's validation. */
    default void onEpochEnd(EpochResult result) {
    }

    /** Asked after each epoch; returning true ends training early. */
    default boolean shouldStop() {
        return false;
    }
}
