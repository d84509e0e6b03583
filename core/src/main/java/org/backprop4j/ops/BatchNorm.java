package org.backprop4j.ops;

import org.backprop4j.kernel.ChannelNormKernels;
import org.backprop4j.kernel.ChannelNormKernelsF64;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ndarray.Workspace;

/**
 * Batch normalisation as one fused op, with PyTorch's semantics: inputs x {@code [N, C, ...]}, γ
 * {@code [C]} and β {@code [C]}; {@code y = (x - mean) / sqrt(var + eps) · γ + β} per channel. In
 * training the batch's mean and biased variance are used and the running statistics (when given)
 * move by {@code r = (1 - momentum) · r + momentum · stat}, with the unbiased variance
 * {@code var · M/(M-1)}, M values per channel; in evaluation the running statistics are used.
 */
public final class BatchNorm extends Op {
    private final boolean training;
    private final double momentum;
    private final double eps;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private NDArray x;
    private NDArray gamma;
    private int n;
    private int c;
    private int s;
    private double[] mean;
    private double[] invStd;

    /**
     * A batch-norm step; {@code runningMean} and {@code runningVar} ({@code [C]}) are read in
     * evaluation and updated in place in training (they may be null in training only).
     */
    public BatchNorm(boolean training, double momentum, double eps, NDArray runningMean, NDArray runningVar) {
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException("batch norm in evaluation needs the running mean and variance");
        }
        this.training = training;
        this.momentum = momentum;
        this.eps = eps;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
    }

    @Override
    public NDArray forward(NDArray... inputs) {
        arity(inputs, 3, "BatchNorm");
        x = inputs[0];
        gamma = inputs[1];
        NDArray beta = inputs[2];
        NDArray.requireSameDtype(x, gamma);
        NDArray.requireSameDtype(x, beta);
        int[] xs = x.shape();
        if (xs.length < 2 || gamma.rank() != 1 || beta.rank() != 1 || gamma.dim(0) != xs[1] || beta.dim(0) != xs[1]) {
            throw new IllegalArgumentException("batch norm: x " + Shape.str(xs) + ", weight " + Shape.str(gamma.shape())
                    + " and bias " + Shape.str(beta.shape()) + " are not [N,C,...], [C] and [C]");
        }
        n = xs[0];
        c = xs[1];
        s = x.size() / Math.max(1, n * c);
        long count = (long) n * s;
        if (training && count <= 1) {
            throw new IllegalArgumentException("batch norm in training needs more than 1 value per channel, got input "
                    + Shape.str(xs));
        }
        boolean f32 = x.dtype() == DType.FLOAT32;
        mean = Workspace.doubles(c);
        invStd = Workspace.doubles(c);
        if (training) {
            double[] var = Workspace.doubles(c);
            if (f32) {
                ChannelNormKernels.stats(x.floatData(), n, c, s, mean, var);
            } else {
                ChannelNormKernelsF64.stats(x.doubleData(), n, c, s, mean, var);
            }
            for (int ch = 0; ch < c; ch++) {
                invStd[ch] = 1 / Math.sqrt(var[ch] + eps);
                if (runningMean != null) {
                    runningMean.set(ch, (1 - momentum) * runningMean.get(ch) + momentum * mean[ch]);
                    runningVar.set(ch, (1 - momentum) * runningVar.get(ch) + momentum * var[ch] * count / (count - 1));
                }
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = runningMean.get(ch);
                invStd[ch] = 1 / Math.sqrt(runningVar.get(ch) + eps);
            }
        }
        // y = x · scale + shift with scale = γ · invStd, shift = β - mean · scale
        double[] scale = Workspace.doubles(c);
        double[] shift = Workspace.doubles(c);
        for (int ch = 0; ch < c; ch++) {
            scale[ch] = gamma.get(ch) * invStd[ch];
            shift[ch] = beta.get(ch) - mean[ch] * scale[ch];
        }
        NDArray y = NDArray.forOverwrite(x.dtype(), xs);
        if (f32) {
            ChannelNormKernels.affine(x.floatData(), n, c, s, scale, shift, y.floatData());
        } else {
            ChannelNormKernelsF64.affine(x.doubleData(), n, c, s, scale, shift, y.doubleData());
        }
        return y;
    }

    // xhat = (x - mean) invStd:  dβ = Σ dy;  dγ = Σ dy·xhat;
    // dx = γ invStd (dy - dβ/M - xhat dγ/M) with batch statistics, γ invStd dy with running ones
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        double[] gain = Workspace.doubles(c);
        for (int ch = 0; ch < c; ch++) {
            gain[ch] = gamma.get(ch) * invStd[ch];
        }
        double[] sumDy = Workspace.doubles(c);
        double[] sumDyXhat = Workspace.doubles(c);
        NDArray gx = needsGrad[0] ? NDArray.forOverwriteLike(x) : null;
        if (g.dtype() == DType.FLOAT32) {
            ChannelNormKernels.backward(x.floatData(), g.floatData(), n, c, s, mean, invStd, gain, training, sumDy,
                    sumDyXhat, gx == null ? null : gx.floatData());
        } else {
            ChannelNormKernelsF64.backward(x.doubleData(), g.doubleData(), n, c, s, mean, invStd, gain, training, sumDy,
                    sumDyXhat, gx == null ? null : gx.doubleData());
        }
        NDArray gGamma = NDArray.forOverwrite(g.dtype(), c);
        NDArray gBeta = NDArray.forOverwrite(g.dtype(), c);
        for (int ch = 0; ch < c; ch++) {
            gGamma.set(ch, sumDyXhat[ch]);
            gBeta.set(ch, sumDy[ch]);
        }
        return new NDArray[]{gx, gGamma, gBeta};
    }

    /** dx, dγ and dβ are new arrays on every call. */
    @Override
    public boolean returnsFreshGradients() {
        return true;
    }

    @Override
    public String describe() {
        return (training ? "training" : "eval") + ", momentum=" + momentum + ", eps=" + eps;
    }
}
