package org.backprop4j.spark;

import java.io.Serializable;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;

/**
 * Builds a fresh replica of the trained model on a Spark worker: the same architecture, parameter
 * names, shapes and dtype as the driver's model (the values are overwritten with the driver's).
 * It is serialised with the tasks, so an implementation must be {@link Serializable}.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    /** A new model; its Dropout layers, if any, must draw their masks from {@code rng}. */
    Module create(Rng rng);
}
