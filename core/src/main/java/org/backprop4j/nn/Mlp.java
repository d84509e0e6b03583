package org.backprop4j.nn;

import java.util.Arrays;
import java.util.Locale;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;

/**
 * Builds a multi-layer perceptron as a {@link Sequential} of Linear, activation and (optionally)
 * Dropout layers, in PyTorch's layout, so its parameter names match the equivalent
 * {@code nn.Sequential}: {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...
 */
public final class Mlp {
    private Mlp() {
    }

    /** The activation names {@link #activation(String)} accepts. */
    public static final String ACTIVATIONS = "relu, leaky-relu, tanh, sigmoid, gelu";

    /**
     * An MLP {@code in -> hidden[0] -> ... -> out} with the given activation after every hidden
     * layer and dropout after each activation when {@code dropout > 0}.
     */
    public static Sequential of(int in, int[] hidden, int out, String activation, double dropout, Rng rng, DType dtype) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("an MLP needs at least one input and one output, got " + in + " and " + out);
        }
        Sequential s = new Sequential();
        int width = in;
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got " + Arrays.toString(hidden));
            }
            s.add(new Linear(width, h, true, rng, dtype));
            s.add(activation(activation));
            if (dropout > 0) {
                s.add(new Dropout(dropout, rng));
            }
            width = h;
        }
        s.add(new Linear(width, out, true, rng, dtype));
        return s;
    }

    /** The activation module for a name (case-insensitive). */
    public static Module activation(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "relu":
                return new ReLU();
            case "leaky-relu":
            case "leakyrelu":
                return new LeakyReLU(0.01);
            case "tanh":
                return new Tanh();
            case "sigmoid":
                return new Sigmoid();
            case "gelu":
                return new GELU();
            default:
                throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of " + ACTIVATIONS);
        }
    }
}
