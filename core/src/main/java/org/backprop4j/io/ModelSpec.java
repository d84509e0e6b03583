package org.backprop4j.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;

/**
 * The architecture of a multi-layer perceptron as built by {@link Mlp#of}: enough to rebuild the
 * same {@link Sequential} (same layers, same parameter names and shapes) before loading its weights.
 *
 * @param inputs number of input features, at least 1
 * @param hidden hidden layer sizes, each at least 1 (may be empty; copied)
 * @param outputs number of outputs (classes), at least 1
 * @param activation activation name after each hidden layer, one of {@link Mlp#ACTIVATIONS} (kept in lower case)
 * @param dropout dropout probability after each activation, in [0, 1]; 0 for none
 */
public record ModelSpec(int inputs, int[] hidden, int outputs, String activation, double dropout) {

    /** Metadata key of the number of inputs. */
    public static final String INPUTS = "inputs";
    /** Metadata key of the hidden sizes (a JSON array). */
    public static final String HIDDEN = "hidden";
    /** Metadata key of the number of outputs. */
    public static final String OUTPUTS = "outputs";
    /** Metadata key of the activation name. */
    public static final String ACTIVATION = "activation";
    /** Metadata key of the dropout probability. */
    public static final String DROPOUT = "dropout";

    /** Validates every field (throwing an {@link IllegalArgumentException} that names it) and copies {@code hidden}. */
    public ModelSpec {
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(activation, "activation");
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a model needs at least one input and one output, got inputs " + inputs
                    + " and outputs " + outputs);
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got " + Arrays.toString(hidden));
            }
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1], got " + dropout);
        }
        activation = activation.toLowerCase(Locale.ROOT);
        Mlp.activation(activation); // throws for an unknown name
        hidden = hidden.clone();
    }

    /** The hidden layer sizes (a copy). */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * The number of parameters of the network {@link #build} makes (the weights and biases of each
     * linear layer, {@code in * out + out}), saturating at {@link Long#MAX_VALUE}; computed without
     * allocating, so a size can be checked before the network is built.
     */
    public long parameterCount() {
        long total = 0;
        long width = inputs;
        int[] sizes = Arrays.copyOf(hidden, hidden.length + 1);
        sizes[hidden.length] = outputs;
        for (int h : sizes) {
            long layer = width * h + h; // both factors < 2^31, so no overflow here
            total = total > Long.MAX_VALUE - layer ? Long.MAX_VALUE : total + layer;
            width = h;
        }
        return total;
    }

    /** Builds the network with {@link Mlp#of}: weights initialised from {@code rng}, which its Dropout layers also use. */
    public Sequential build(Rng rng, DType dtype) {
        return Mlp.of(inputs, hidden, outputs, activation, dropout, rng, dtype);
    }

    /** The architecture as {@code __metadata__} strings: inputs, hidden (JSON array), outputs, activation, dropout. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(INPUTS, Integer.toString(inputs));
        m.put(HIDDEN, Arrays.toString(hidden).replace(" ", ""));
        m.put(OUTPUTS, Integer.toString(outputs));
        m.put(ACTIVATION, activation);
        m.put(DROPOUT, Double.toString(dropout));
        return m;
    }

    /**
     * The architecture stored by {@link #toMetadata()}; throws a {@link SafeTensorsException} naming
     * {@code fileForErrors} and the key when a key is missing or its value is invalid.
     */
    public static ModelSpec fromMetadata(Map<String, String> metadata, Path fileForErrors) {
        Meta m = new Meta(Objects.requireNonNull(metadata, "metadata"), fileForErrors);
        int inputs = m.integer(INPUTS);
        int[] hidden = m.intArray(HIDDEN);
        int outputs = m.integer(OUTPUTS);
        String activation = m.string(ACTIVATION);
        double dropout = m.doubleValue(DROPOUT);
        try {
            return new ModelSpec(inputs, hidden, outputs, activation, dropout);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(fileForErrors, "invalid architecture in the metadata: " + e.getMessage(), e);
        }
    }

    /** Equal when every field is equal (hidden sizes compared element by element). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && inputs == s.inputs && outputs == s.outputs && Arrays.equals(hidden, s.hidden)
                && activation.equals(s.activation) && Double.compare(dropout, s.dropout) == 0;
    }

    /** A hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(inputs, Arrays.hashCode(hidden), outputs, activation, dropout);
    }

    /** The fields, hidden sizes as a list. */
    @Override
    public String toString() {
        return "ModelSpec[inputs=" + inputs + ", hidden=" + Arrays.toString(hidden) + ", outputs=" + outputs
                + ", activation=" + activation + ", dropout=" + dropout + "]";
    }
}
