package org.backprop4j.spark;

import java.io.Serializable;

/**
 * What the averaging mode adds up over the workers for one round: their parameters and optimiser
 * states weighted by the samples each processed, and per global minibatch of the round the loss
 * sum, the loss denominator, the number correct and the number of samples.
 */
final class RoundSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private final WeightedSum params = new WeightedSum();
    private final WeightedSum state = new WeightedSum();
    private final double[] loss;
    private final double[] denominator;
    private final long[] correct;
    private final long[] count;

    /** An empty sum for a round of {@code batches} minibatches. */
    RoundSum(int batches) {
        loss = new double[batches];
        denominator = new double[batches];
        correct = new long[batches];
        count = new long[batches];
    }

    /** The weighted parameters. */
    WeightedSum params() {
        return params;
    }

    /** The weighted optimiser states. */
    WeightedSum state() {
        return state;
    }

    /** Records one local step on minibatch {@code k}. */
    void addBatch(int k, double lossSum, double denom, long numCorrect, long samples) {
        loss[k] += lossSum;
        denominator[k] += denom;
        correct[k] += numCorrect;
        count[k] += samples;
    }

    /** Adds {@code other} into this sum; returns this. */
    RoundSum merge(RoundSum other) {
        params.merge(other.params);
        state.merge(other.state);
        for (int k = 0; k < loss.length; k++) {
            loss[k] += other.loss[k];
            denominator[k] += other.denominator[k];
            correct[k] += other.correct[k];
            count[k] += other.count[k];
        }
        return this;
    }

    /** The loss summed over minibatch {@code k}. */
    double loss(int k) {
        return loss[k];
    }

    /** The loss denominator of minibatch {@code k}. */
    double denominator(int k) {
        return denominator[k];
    }

    /** The number correct in minibatch {@code k}. */
    long correct(int k) {
        return correct[k];
    }

    /** The number of samples of minibatch {@code k}. */
    long count(int k) {
        return count[k];
    }
}
