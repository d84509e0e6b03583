package org.backprop4j.nn;

import org.backprop4j.ndarray.DType;

/** Batch normalisation over the channels of {@code [N, C, H, W]}, as PyTorch's {@code torch.nn.BatchNorm2d}. */
public final class BatchNorm2d extends BatchNormNd {
    /**
     * A float32 layer over c channels with eps 1e-5 and momentum 0.1.
     *
     * @param channels the number of channels C of inputs {@code [N, C, H, W]}
     */
    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1, DType.FLOAT32);
    }

    /**
     * A layer over c channels with the given eps, momentum and dtype.
     *
     * @param channels the number of channels C of inputs {@code [N, C, H, W]}
     * @param eps the value added to the variance for numerical stability, greater than 0
     * @param momentum the weight of the newest batch in the running statistics, in [0, 1]
     * @param dtype the parameters' and buffers' dtype
     */
    public BatchNorm2d(int channels, double eps, double momentum, DType dtype) {
        super(channels, eps, momentum, dtype);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    protected String expectedShape() {
        return "[N, C, H, W]";
    }

    @Override
    public BatchNorm2d train() {
        return (BatchNorm2d) super.train();
    }

    @Override
    public BatchNorm2d train(boolean mode) {
        return (BatchNorm2d) super.train(mode);
    }

    @Override
    public BatchNorm2d eval() {
        return (BatchNorm2d) super.eval();
    }

    @Override
    public BatchNorm2d to(DType dtype) {
        return (BatchNorm2d) super.to(dtype);
    }
}
