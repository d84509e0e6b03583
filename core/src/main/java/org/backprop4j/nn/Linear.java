package org.backprop4j.nn;

import java.util.Optional;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ops.LinearOp;
import org.backprop4j.tensor.Tensor;

/**
 * A fully connected layer {@code y = x W^T + b}, as PyTorch's {@code torch.nn.Linear}: the weight
 * is shaped {@code [out, in]}, the bias {@code [out]}, and both start uniform in
 * {@code [-1/sqrt(in), 1/sqrt(in)]} (what PyTorch's {@code kaiming_uniform_(a=sqrt(5))} gives).
 * The input is {@code [..., in]} (any number of leading dimensions, or none); the output {@code [..., out]}.
 */
public final class Linear extends Module {
    /** Name of the number of inputs in {@link #config()}. */
    public static final String IN_FEATURES = "in_features";
    /** Name of the number of outputs in {@link #config()}. */
    public static final String OUT_FEATURES = "out_features";
    /** Name of the bias switch in {@link #config()}. */
    public static final String BIAS = "bias";

    private final int inFeatures;
    private final int outFeatures;
    private final boolean hasBias;

    /**
     * A float32 layer with bias, initialised from {@link Init#defaultRng()}.
     *
     * @param in the number of input features
     * @param out the number of output features
     */
    public Linear(int in, int out) {
        this(in, out, Init.defaultRng());
    }

    /**
     * A float32 layer with bias, initialised from {@code rng}.
     *
     * @param in the number of input features
     * @param out the number of output features
     * @param rng the generator the weight, then the bias, are drawn from
     */
    public Linear(int in, int out, Rng rng) {
        this(in, out, true, rng, DType.FLOAT32);
    }

    /**
     * A layer with or without bias, of the given dtype, initialised from {@code rng} (weight first, then bias).
     *
     * @param in the number of input features
     * @param out the number of output features
     * @param bias true for a bias
     * @param rng the generator the weight, then the bias, are drawn from
     * @param dtype the parameters' dtype
     */
    public Linear(int in, int out, boolean bias, Rng rng, DType dtype) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive in and out features, got in=" + in + ", out=" + out);
        }
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(dtype, "dtype");
        this.inFeatures = in;
        this.outFeatures = out;
        this.hasBias = bias;
        Tensor w = Tensor.zeros(dtype, out, in);
        Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, rng);
        registerParameter("weight", w);
        if (bias) {
            double bound = 1 / Math.sqrt(in);
            registerParameter("bias", Init.uniform(Tensor.zeros(dtype, out), -bound, bound, rng));
        }
    }

    /** Maps {@code [..., in]} to {@code [..., out]}. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, false);
    }

    /**
     * Maps {@code [..., in]} to {@code [..., out]}, followed by ReLU when {@code relu} (one fused
     * op: W is read in place, bias and ReLU are applied in one pass).
     *
     * @param x the input, whose last dimension is in
     * @param relu true to apply ReLU to the result
     * @return {@code x W^T + b}, after ReLU when relu
     * @throws IllegalArgumentException when the last dimension of x is not in
     */
    public Tensor forward(Tensor x, boolean relu) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != inFeatures) {
            throw new IllegalArgumentException("Linear(in_features=" + inFeatures + ") needs input [..., " + inFeatures
                    + "], got " + Shape.str(s));
        }
        Tensor x2 = s.length == 2 ? x : x.reshape(-1, inFeatures);
        Tensor y = hasBias ? Tensor.record(new LinearOp(relu), x2, weight(), bias())
                : Tensor.record(new LinearOp(relu), x2, weight());
        if (s.length == 2) {
            return y;
        }
        int[] outShape = s.clone();
        outShape[s.length - 1] = outFeatures;
        return y.reshape(outShape);
    }

    /**
     * The weight, shaped {@code [out, in]}.
     *
     * @return the weight parameter
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias, shaped {@code [out]}, or null for a layer without bias.
     *
     * @return the bias parameter, or null
     */
    public Tensor bias() {
        return hasBias ? parameter("bias") : null;
    }

    /**
     * Number of input features.
     *
     * @return in, the size of the input's last dimension
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * Number of output features.
     *
     * @return out, the size of the output's last dimension
     */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + hasBias;
    }

    /** {@code Linear} with its settings, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(describe(inFeatures, outFeatures, hasBias));
    }

    /** The parameters of a layer of this description, {@code in * out} weights plus {@code out} biases if any. */
    static long parameterCount(LayerConfig c) {
        long out = c.integer(OUT_FEATURES);
        return c.integer(IN_FEATURES) * out + (c.flag(BIAS) ? out : 0);
    }

    /**
     * The description of a layer {@code Linear(in, out, bias)}, without building it.
     *
     * @param in the number of input features
     * @param out the number of output features
     * @param bias true for a bias
     * @return the layer's description, as a model file records it
     */
    public static LayerConfig describe(int in, int out, boolean bias) {
        return LayerConfig.of("Linear", IN_FEATURES, in, OUT_FEATURES, out, BIAS, bias);
    }

    @Override
    public Linear train() {
        return (Linear) super.train();
    }

    @Override
    public Linear train(boolean mode) {
        return (Linear) super.train(mode);
    }

    @Override
    public Linear eval() {
        return (Linear) super.eval();
    }

    @Override
    public Linear to(DType dtype) {
        return (Linear) super.to(dtype);
    }
}
