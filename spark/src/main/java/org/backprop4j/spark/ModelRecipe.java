package org.backprop4j.spark;

import java.util.Map;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;

/**
 * A {@link ModelSpec} (serialisable) and the dtype of its parameters: what the workers rebuild the
 * driver's model from.
 *
 * @param spec the architecture
 * @param dtype dtype of the parameters
 */
public record ModelRecipe(ModelSpec spec, DType dtype) implements ModelFactory {
    private static final long serialVersionUID = 2L;

    /** The recipe of a spec built in {@code dtype}. */
    public static ModelRecipe of(ModelSpec spec, DType dtype) {
        return new ModelRecipe(spec, dtype);
    }

    /** The recipe of an architecture given as model-file metadata ({@link ModelSpec#toMetadata()}). */
    public static ModelRecipe of(Map<String, String> architecture, DType dtype) {
        return of(ModelSpec.fromMetadata(architecture, null), dtype);
    }

    /** Builds the network with {@link ModelSpec#build}. */
    @Override
    public Module create(Rng rng) {
        return spec.build(rng, dtype);
    }
}
