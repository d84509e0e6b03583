package org.backprop4j.spark;

import java.io.Serializable;
import org.backprop4j.nn.Loss;

/**
 * What every task of one training run needs besides the step's values: sent with the task closures.
 *
 * @param runId identifies the run's cached {@link Replica}s
 * @param factory rebuilds the model on a worker
 * @param optimizer the optimiser's recipe (used by the averaging mode)
 * @param loss the trainer's loss (weights, smoothing, ignored label and reduction)
 * @param seed seed of the Dropout masks
 * @param clipNorm gradient-norm clipping of local steps (0 = off)
 * @param wide true for a float64 model: gradient sums travel as float64
 */
record RunConfig(String runId, ModelFactory factory, OptimizerRecipe optimizer, Loss loss, long seed,
                 double clipNorm, boolean wide) implements Serializable {
}
