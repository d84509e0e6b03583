package org.backprop4j.train;

/**
 * What one epoch gave: mean training loss and accuracy over its batches, validation loss and
 * accuracy (NaN without validation data), wall time and throughput.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double seconds, double samplesPerSecond, double learningRate) {
    /** True when validation data was evaluated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
