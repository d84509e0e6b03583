package org.backprop4j.spark;

import java.io.Serializable;

/**
 * What the workers get for one round (a broadcast in the averaging mode, inside the tasks in the
 * synchronous one): the model's parameters, the optimiser's state (averaging mode
 * only), the global minibatches of the round as sample indices, and the global number of the
 * round's first step.
 *
 * @param weights the driver's parameters
 * @param optimizerState the driver's optimiser state, or null in the synchronous mode
 * @param batches the round's global minibatches (one in the synchronous mode)
 * @param firstStep the global step number of {@code batches[0]}
 */
record StepInput(StateArrays weights, StateArrays optimizerState, int[][] batches, long firstStep)
        implements Serializable {
}
