package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * Binary cross-entropy on logits, stable for any x, with PyTorch's {@code binary_cross_entropy_with_logits}
 * semantics: {@code l = w [(1-t) x + (1 + (p-1) t) softplus(-x)]} where p is the positive-class
 * weight and {@code softplus(-x) = max(-x, 0) + log(1 + e^{-|x|})}. Inputs: logits and targets of
 * the same shape; the weights are constants broadcast to that shape. The mean divides by the
 * number of elements.
 */
public final class BceWithLogits extends Op {
    private final NDArray weight;
    private final NDArray posWeight;
    private final boolean reduce;
    private final boolean normalize;
    private NDArray x;
    private NDArray t;
    private NDArray w;
    private NDArray pw;

    /** BCE with optional element weights and positive-class weights (null for none). */
    public BceWithLogits(NDArray weight, NDArray posWeight, boolean reduce, boolean normalize) {
        this.weight = weight;
        this.posWeight = posWeight;
        this.reduce = reduce;
        this.normalize = normalize;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "BceWithLogits");
        x = in[0];
        t = in[1];
        NDArray.requireSameDtype(x, t);
        if (!java.util.Arrays.equals(x.shape(), t.shape())) {
            throw new IllegalArgumentException("BCE targets " + Shape.str(t.shape()) + " must have the shape of the logits "
                    + Shape.str(x.shape()));
        }
        w = weight == null ? NDArray.full(x.dtype(), 1, x.shape()) : expand(weight);
        pw = posWeight == null ? NDArray.full(x.dtype(), 1, x.shape()) : expand(posWeight);
        NDArray l = x.zerosLike();
        double total = 0;
        for (int i = 0, size = x.size(); i < size; i++) {
            double xi = x.get(i);
            double ti = t.get(i);
            double li = w.get(i) * ((1 - ti) * xi + (1 + (pw.get(i) - 1) * ti) * softplusNeg(xi));
            l.set(i, li);
            total += li;
        }
        if (!reduce) {
            return l;
        }
        NDArray out = NDArray.zeros(x.dtype());
        out.set(0, normalize ? total / x.size() : total);
        return out;
    }

    private NDArray expand(NDArray c) {
        NDArray e = NDArray.zip(x, c.astype(x.dtype()), (a, b) -> b);
        if (!java.util.Arrays.equals(e.shape(), x.shape())) {
            // a weight larger than the logits would otherwise be read out of step with them
            throw new IllegalArgumentException("BCE weight " + Shape.str(c.shape()) + " does not broadcast to the logits' shape "
                    + Shape.str(x.shape()));
        }
        return e;
    }

    /** log(1 + e^{-x}) without overflow. */
    private static double softplusNeg(double x) {
        return Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // dl/dx = w [sigma(x)(1 + (p-1) t) - p t];  dl/dt = w [-x + (p-1) softplus(-x)]
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = needsGrad[0] ? x.zerosLike() : null;
        NDArray gt = needsGrad[1] ? t.zerosLike() : null;
        double scale = reduce && normalize ? 1.0 / x.size() : 1.0;
        for (int i = 0, size = x.size(); i < size; i++) {
            double gi = (reduce ? g.get(0) : g.get(i)) * scale * w.get(i);
            double xi = x.get(i);
            double ti = t.get(i);
            double p = pw.get(i);
            if (gx != null) {
                double sig = xi >= 0 ? 1 / (1 + Math.exp(-xi)) : Math.exp(xi) / (1 + Math.exp(xi));
                gx.set(i, gi * (sig * (1 + (p - 1) * ti) - p * ti));
            }
            if (gt != null) {
                gt.set(i, gi * (-xi + (p - 1) * softplusNeg(xi)));
            }
        }
        return new NDArray[]{gx, gt};
    }
}
