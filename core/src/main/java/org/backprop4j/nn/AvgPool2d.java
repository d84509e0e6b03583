package org.backprop4j.nn;

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
}
