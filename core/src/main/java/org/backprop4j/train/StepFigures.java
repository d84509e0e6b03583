package org.backprop4j.train;

/**
 * What one training step reports.
 *
 * @param size the number of samples in the minibatch
 * @param loss the minibatch's loss as the trainer's loss reduces it (mean or sum)
 * @param denominator the loss's {@link org.backprop4j.nn.Loss#meanDenominator mean denominator} for the minibatch
 * @param correct the number of samples classified correctly
 */
public record StepFigures(int size, double loss, double denominator, int correct) {
}
