package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** The leaky rectifier: x for x > 0, else {@code slope · x}, as PyTorch's {@code torch.nn.LeakyReLU}. */
public final class LeakyReLU extends Module {
    /** PyTorch's default negative slope. */
    public static final double DEFAULT_SLOPE = 0.01;
    /** Name of the slope in {@link #config()}. */
    public static final String NEGATIVE_SLOPE = "negative_slope";

    private final double slope;

    /** A leaky ReLU with slope 0.01. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /** A leaky ReLU with the given (finite) negative slope. */
    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("negative slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** The negative slope. */
    public double slope() {
        return slope;
    }

    /** Applies the leaky rectifier to every element. */
    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + slope;
    }

    /** {@code LeakyReLU} with its settings, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("LeakyReLU", NEGATIVE_SLOPE, slope));
    }

    @Override
    public LeakyReLU train() {
        return (LeakyReLU) super.train();
    }

    @Override
    public LeakyReLU train(boolean mode) {
        return (LeakyReLU) super.train(mode);
    }

    @Override
    public LeakyReLU eval() {
        return (LeakyReLU) super.eval();
    }

    @Override
    public LeakyReLU to(DType dtype) {
        return (LeakyReLU) super.to(dtype);
    }
}
