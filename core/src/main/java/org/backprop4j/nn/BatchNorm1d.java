package org.backprop4j.nn;

import org.backprop4j.ndarray.DType;

/** Batch normalisation over the features of {@code [N, C]} or {@code [N, C, L]}, as PyTorch's {@code torch.nn.BatchNorm1d}. */
public final class BatchNorm1d extends BatchNormNd {
    /**
     * A float32 layer over c features with eps 1e-5 and momentum 0.1.
     *
     * @param features the number of features C of inputs {@code [N, C]} or {@code [N, C, L]}
     */
    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, DType.FLOAT32);
    }

    /**
     * A layer over c features with the given eps, momentum and dtype.
     *
     * @param features the number of features C of inputs {@code [N, C]} or {@code [N, C, L]}
     * @param eps the value added to the variance for numerical stability, greater than 0
     * @param momentum the weight of the newest batch in the running statistics, in [0, 1]
     * @param dtype the parameters' and buffers' dtype
     */
    public BatchNorm1d(int features, double eps, double momentum, DType dtype) {
        super(features, eps, momentum, dtype);
    }

    @Override
    protected boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    protected String expectedShape() {
        return "[N, C] or [N, C, L]";
    }

    @Override
    public BatchNorm1d train() {
        return (BatchNorm1d) super.train();
    }

    @Override
    public BatchNorm1d train(boolean mode) {
        return (BatchNorm1d) super.train(mode);
    }

    @Override
    public BatchNorm1d eval() {
        return (BatchNorm1d) super.eval();
    }

    @Override
    public BatchNorm1d to(DType dtype) {
        return (BatchNorm1d) super.to(dtype);
    }
}
