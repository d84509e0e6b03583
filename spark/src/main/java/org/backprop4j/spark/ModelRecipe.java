package org.backprop4j.spark;

import java.util.Map;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;

/**
 * The serialisable form of an {@link ModelSpec} MLP and its dtype: what the workers rebuild the
 * command line's models from.
 *
 * @param inputs number of input features
 * @param hidden hidden layer sizes
 * @param outputs number of classes
 * @param activation activation name
 * @param dropout dropout probability after each activation (0 for none)
 * @param dtype dtype of the parameters
 */
public record ModelRecipe(int inputs, int[] hidden, int outputs, String activation, double dropout, DType dtype)
        implements ModelFactory {
    private static final long serialVersionUID = 1L;

    /** The recipe of a spec built in {@code dtype}. */
    public static ModelRecipe of(ModelSpec spec, DType dtype) {
        return new ModelRecipe(spec.inputs(), spec.hidden(), spec.outputs(), spec.activation(), spec.dropout(), dtype);
    }

    /** The recipe of an architecture given as model-file metadata ({@link ModelSpec#toMetadata()}). */
    public static ModelRecipe of(Map<String, String> architecture, DType dtype) {
        return of(ModelSpec.fromMetadata(architecture, null), dtype);
    }

    /** The spec this recipe describes. */
    public ModelSpec spec() {
        return new ModelSpec(inputs, hidden, outputs, activation, dropout);
    }

    /** Builds the MLP with {@link ModelSpec#build}. */
    @Override
    public Module create(Rng rng) {
        return spec().build(rng, dtype);
    }
}
