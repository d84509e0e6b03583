package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * Negative log-likelihood of log-probabilities [N,K] (or [K]) against class indices, with PyTorch's
 * {@code nll_loss} semantics: {@code loss_n = -w_{y_n} x[n, y_n]}, ignored samples give 0, and the
 * mean divides by the total weight of the counted samples.
 */
public final class NllLoss extends Op {
    private final int[] labels;
    private final double[] weights;
    private final int ignoreIndex;
    private final boolean reduce;
    private final boolean normalize;
    private int[] inShape;
    private int n;
    private int k;
    private double divisor;

    /** NLL loss; see {@link SoftmaxCrossEntropy#forLabels} for the meaning of the arguments. */
    public NllLoss(int[] labels, double[] weights, int ignoreIndex, boolean reduce, boolean normalize) {
        this.labels = labels.clone();
        this.weights = weights == null ? null : weights.clone();
        this.ignoreIndex = ignoreIndex;
        this.reduce = reduce;
        this.normalize = normalize;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "NllLoss");
        NDArray x = in[0];
        inShape = x.shape();
        if (inShape.length != 1 && inShape.length != 2) {
            throw new IllegalArgumentException("nll loss expects input [N, K] or [K], got " + Shape.str(inShape));
        }
        n = inShape.length == 2 ? inShape[0] : 1;
        k = inShape[inShape.length - 1];
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels given for input " + Shape.str(inShape));
        }
        if (weights != null && weights.length != k) {
            throw new IllegalArgumentException("class weights have " + weights.length + " entries but input "
                    + Shape.str(inShape) + " has " + k + " classes");
        }
        double[] losses = new double[n];
        double counted = 0;
        for (int r = 0; r < n; r++) {
            int y = labels[r];
            if (y == ignoreIndex) {
                continue;
            }
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("label " + y + " of sample " + r + " is outside [0, " + k
                        + ") and is not the ignore index " + ignoreIndex);
            }
            double w = weights == null ? 1.0 : weights[y];
            counted += w;
            losses[r] = -w * x.get(r * k + y);
        }
        divisor = reduce && normalize ? counted : 1.0;
        return LossOutput.of(losses, reduce, divisor, x.dtype(), inShape.length == 2);
    }

    // dloss_n/dx[n, c] = -w_{y_n} where c = y_n, else 0
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = NDArray.zeros(g.dtype(), inShape);
        for (int r = 0; r < n; r++) {
            int y = labels[r];
            if (y == ignoreIndex) {
                continue;
            }
            double w = weights == null ? 1.0 : weights[y];
            gx.set(r * k + y, -w * (reduce ? g.get(0) : g.get(r)) / divisor);
        }
        return new NDArray[]{gx};
    }
}
