package org.backprop4j.train;

/**
 * What a multi-batch round of a {@link StepExecutor} did: one figure per minibatch, and the problem
 * (a NaN or an infinity in a loss or in the round's resulting values) that kept the round's result
 * from the model, or null when the model and optimiser hold it.
 *
 * @param steps one figure per minibatch of the round
 * @param problem what was not finite, or null
 */
public record RoundFigures(StepFigures[] steps, String problem) {
}
