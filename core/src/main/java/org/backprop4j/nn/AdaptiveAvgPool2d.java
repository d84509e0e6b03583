package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/**
 * Global average pooling, as PyTorch's {@code torch.nn.AdaptiveAvgPool2d(1)}: {@code [N, C, H, W]}
 * to {@code [N, C, 1, 1]}, the mean of each plane. Only the output size 1 is supported.
 */
public final class AdaptiveAvgPool2d extends Module {

    /** Pooling to {@code outputSize x outputSize}; outputSize must be 1. */
    public AdaptiveAvgPool2d(int outputSize) {
        if (outputSize != 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d supports output_size=1 only, got " + outputSize);
        }
    }

    /** Maps {@code [N, C, H, W]} to {@code [N, C, 1, 1]}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.adaptiveAvgPool2d(1);
    }

    @Override
    protected String extraRepr() {
        return "output_size=1";
    }

    /** Describes the layer for a model file: output_size 1. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("AdaptiveAvgPool2d", "output_size", 1));
    }

    @Override
    public AdaptiveAvgPool2d train() {
        return (AdaptiveAvgPool2d) super.train();
    }

    @Override
    public AdaptiveAvgPool2d train(boolean mode) {
        return (AdaptiveAvgPool2d) super.train(mode);
    }

    @Override
    public AdaptiveAvgPool2d eval() {
        return (AdaptiveAvgPool2d) super.eval();
    }

    @Override
    public AdaptiveAvgPool2d to(DType dtype) {
        return (AdaptiveAvgPool2d) super.to(dtype);
    }
}
