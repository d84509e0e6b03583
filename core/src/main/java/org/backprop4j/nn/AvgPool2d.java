package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/**
 * Average pooling over {@code [N, C, H, W]}, as PyTorch's {@code torch.nn.AvgPool2d} with its
 * defaults (zero padding counted in the average; stride defaults to the kernel).
 */
public final class AvgPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** A k x k window with stride k and no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** A k x k window with the given stride and zero padding. */
    public AvgPool2d(int kernel, int stride, int padding) {
        Pooling.check("AvgPool2d", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Maps {@code [N, C, H, W]} to {@code [N, C, outH, outW]}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.avgPool2d(kernel, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }

    /** Describes the layer for a model file: kernel_size, stride and padding. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("AvgPool2d", "kernel_size", kernel, "stride", stride, "padding", padding));
    }

    @Override
    public AvgPool2d train() {
        return (AvgPool2d) super.train();
    }

    @Override
    public AvgPool2d train(boolean mode) {
        return (AvgPool2d) super.train(mode);
    }

    @Override
    public AvgPool2d eval() {
        return (AvgPool2d) super.eval();
    }

    @Override
    public AvgPool2d to(DType dtype) {
        return (AvgPool2d) super.to(dtype);
    }
}
