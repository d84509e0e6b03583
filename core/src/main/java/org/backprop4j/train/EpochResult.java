package org.backprop4j.train;

/**
 * What one epoch gave: mean training loss and accuracy over its batches, validation loss and
 * accuracy (NaN without validation data), wall time of its training steps ({@code seconds}) and
 * their throughput, the learning rate, and the wall time of its validation.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double seconds, double samplesPerSecond, double learningRate,
                          double validationSeconds) {

    /** An epoch whose validation time is not known (such as one read from an older checkpoint): 0. */
    public EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                       double validationAccuracy, double seconds, double samplesPerSecond, double learningRate) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, samplesPerSecond, learningRate, 0);
    }

    /** True when validation data was evaluated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
