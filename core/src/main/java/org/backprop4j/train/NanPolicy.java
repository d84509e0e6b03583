package org.backprop4j.train;

/** What a {@link Trainer} does when the loss or a gradient of a step is NaN or infinite. */
public enum NanPolicy {
    /** Stop training with a {@link NonFiniteException} naming the epoch, step and parameter (the default). */
    STOP,
    /** Drop the batch: no optimiser step, the listeners hear {@link TrainingListener#onBatchSkipped}. */
    SKIP_BATCH
}
