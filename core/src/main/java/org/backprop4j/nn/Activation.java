package org.backprop4j.nn;

import java.util.Locale;
import java.util.function.Supplier;

/** The hidden-layer activations of an {@link Mlp}, each with the module it adds. */
public enum Activation {
    /** {@link ReLU}. */
    RELU("relu", ReLU::new),
    /** {@link LeakyReLU} with PyTorch's default slope 0.01. */
    LEAKY_RELU("leaky-relu", LeakyReLU::new),
    /** {@link Tanh}. */
    TANH("tanh", Tanh::new),
    /** {@link Sigmoid}. */
    SIGMOID("sigmoid", Sigmoid::new),
    /** {@link GELU} (exact form). */
    GELU("gelu", org.backprop4j.nn.GELU::new);

    private final String label;
    private final Supplier<Module> factory;

    Activation(String label, Supplier<Module> factory) {
        this.label = label;
        this.factory = factory;
    }

    /** A new module of this activation. */
    public Module create() {
        return factory.get();
    }

    /** The name the command line and {@link #parse} use, such as {@code "leaky-relu"}. */
    public String label() {
        return label;
    }

    /** The activation of a name, case-insensitive ({@code "leakyrelu"} and {@code "leaky_relu"} are accepted too). */
    public static Activation parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (Activation a : values()) {
            if (a.label.equals(n) || a.label.replace("-", "").equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of " + Mlp.ACTIVATIONS);
    }
}
