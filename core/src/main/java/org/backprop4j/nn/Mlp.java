package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;

/**
 * Builds a multi-layer perceptron as a {@link Sequential} of Linear, activation and (optionally)
 * Dropout layers, in PyTorch's layout, so its parameter names match the equivalent
 * {@code nn.Sequential}: {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...
 *
 * <pre>{@code
 * Sequential model = Mlp.builder(4, 3).hidden(16, 16).activation(Activation.TANH).rng(new Rng(42)).build();
 * }</pre>
 */
public final class Mlp {
    private Mlp() {
    }

    /** The activation names {@link #activation(String)} accepts (the labels of {@link Activation}). */
    public static final String ACTIVATIONS = "relu, leaky-relu, tanh, sigmoid, gelu";

    /**
     * A builder of an MLP from {@code in} features to {@code out} outputs (no hidden layer, ReLU, float32 unless set).
     *
     * @param in the number of input features
     * @param out the number of outputs, such as the number of classes
     * @return a builder
     */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /**
     * An MLP {@code in -> hidden[0] -> ... -> out} with the named activation after every hidden
     * layer and dropout after each activation when {@code dropout > 0}; see {@link #builder} for the typed form.
     *
     * @param in the number of input features
     * @param hidden the hidden layer sizes, in order
     * @param out the number of outputs
     * @param activation the activation's name, such as {@code relu} (see {@link Activation#parse})
     * @param dropout the dropout probability after each activation, 0 for none
     * @param rng the generator of the initial weights and of the dropout masks
     * @param dtype the parameters' dtype
     * @return the network
     */
    public static Sequential of(int in, int[] hidden, int out, String activation, double dropout, Rng rng, DType dtype) {
        return builder(in, out).hidden(hidden).activation(Activation.parse(activation)).dropout(dropout).rng(rng)
                .dtype(dtype).build();
    }

    /**
     * The activation module for a name (case-insensitive), as {@link Activation#parse}.
     *
     * @param name the activation's name, such as {@code relu} or {@code tanh}
     * @return a new activation module
     */
    public static Module activation(String name) {
        return Activation.parse(name).create();
    }

    /** Options of an MLP; every setter returns the builder. */
    public static final class Builder {
        private final int in;
        private final int out;
        private int[] hidden = new int[0];
        private Activation activation = Activation.RELU;
        private double dropout;
        private Rng rng = Init.defaultRng();
        private DType dtype = DType.FLOAT32;

        private Builder(int in, int out) {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("an MLP needs at least one input and one output, got " + in + " and "
                        + out);
            }
            this.in = in;
            this.out = out;
        }

        /**
         * The hidden layer sizes, in order, each at least 1 (default: none).
         *
         * @param sizes the sizes
         * @return this builder
         */
        public Builder hidden(int... sizes) {
            for (int h : sizes) {
                if (h < 1) {
                    throw new IllegalArgumentException("hidden layer sizes must be positive, got " + Arrays.toString(sizes));
                }
            }
            this.hidden = sizes.clone();
            return this;
        }

        /**
         * The activation after every hidden layer (default {@link Activation#RELU}).
         *
         * @param activation the activation
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /**
         * The dropout probability after each activation, in [0, 1] (default 0: no Dropout layers).
         *
         * @param p the probability of zeroing a value in training
         * @return this builder
         */
        public Builder dropout(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1], got " + p);
            }
            this.dropout = p;
            return this;
        }

        /**
         * The generator of the initial weights and of the dropout masks (default {@link Init#defaultRng()}).
         *
         * @param rng the generator
         * @return this builder
         */
        public Builder rng(Rng rng) {
            this.rng = Objects.requireNonNull(rng, "rng");
            return this;
        }

        /**
         * The parameters' dtype (default float32).
         *
         * @param dtype the dtype
         * @return this builder
         */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /**
         * The layers' descriptions, in order ({@code Linear}, activation, {@code Dropout} when p > 0, ...,
         * {@code Linear}): the architecture without allocating any weight.
         *
         * @return the descriptions, one per layer of the network {@link #build()} makes
         */
        public List<LayerConfig> configs() {
            LayerConfig act = activation.create().config().orElseThrow();
            List<LayerConfig> layers = new ArrayList<>();
            int width = in;
            for (int h : hidden) {
                layers.add(Linear.describe(width, h, true));
                layers.add(act);
                if (dropout > 0) {
                    layers.add(Dropout.describe(dropout));
                }
                width = h;
            }
            layers.add(Linear.describe(width, out, true));
            return layers;
        }

        /**
         * The network of {@link #configs()}: weights drawn from the generator layer by layer, weight before bias.
         *
         * @return a new network
         */
        public Sequential build() {
            Sequential s = new Sequential();
            for (LayerConfig c : configs()) {
                s.add(c.build(rng, dtype));
            }
            return s;
        }
    }
}
