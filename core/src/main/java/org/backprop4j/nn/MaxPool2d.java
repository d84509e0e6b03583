package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** Max pooling over {@code [N, C, H, W]}, as PyTorch's {@code torch.nn.MaxPool2d} (stride defaults to the kernel). */
public final class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    /** A k x k window with stride k and no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** A k x k window with the given stride and padding (-inf). */
    public MaxPool2d(int kernel, int stride, int padding) {
        Pooling.check("MaxPool2d", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Maps {@code [N, C, H, W]} to {@code [N, C, outH, outW]}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.maxPool2d(kernel, stride, padding);
    }

    /**
     * Maps {@code [N, C, H, W]} to {@code [N, C, outH, outW]}, after ReLU when {@code relu} (one fused
     * op, the same result as {@link ReLU} then this layer).
     *
     * @param x the input
     * @param relu true to pool {@code relu(x)}
     * @return the pooled tensor
     */
    public Tensor forward(Tensor x, boolean relu) {
        return relu ? x.reluMaxPool2d(kernel, stride, padding) : forward(x);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }

    /** Describes the layer for a model file: kernel_size, stride and padding. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("MaxPool2d", "kernel_size", kernel, "stride", stride, "padding", padding));
    }

    @Override
    public MaxPool2d train() {
        return (MaxPool2d) super.train();
    }

    @Override
    public MaxPool2d train(boolean mode) {
        return (MaxPool2d) super.train(mode);
    }

    @Override
    public MaxPool2d eval() {
        return (MaxPool2d) super.eval();
    }

    @Override
    public MaxPool2d to(DType dtype) {
        return (MaxPool2d) super.to(dtype);
    }
}
