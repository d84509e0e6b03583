package org.backprop4j.nn;

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
}
