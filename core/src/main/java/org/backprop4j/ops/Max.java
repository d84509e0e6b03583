package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * Maximum over all elements or over one dimension. The gradient goes to the first position of the
 * maximum (as PyTorch's {@code max(dim)} does through its returned index).
 */
public final class Max extends Op {
    private final int dim;
    private final boolean keepDim;
    private int[] inShape;
    private int[] argmax;

    /** A maximum over dimension {@code dim} (or {@link Sum#ALL}). */
    public Max(int dim, boolean keepDim) {
        this.dim = dim;
        this.keepDim = keepDim;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "Max");
        NDArray x = in[0];
        inShape = x.shape();
        if (x.size() == 0) {
            throw new IllegalArgumentException("max of an empty tensor of shape " + Shape.str(inShape));
        }
        ReducedAxis r = ReducedAxis.of(inShape, dim, keepDim);
        int outer = r.outer();
        int len = r.len();
        int inner = r.inner();
        NDArray y = NDArray.zeros(x.dtype(), r.outShape());
        argmax = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                int best = base;
                double bv = x.get(base);
                for (int j = 1; j < len; j++) {
                    double v = x.get(base + j * inner);
                    if (v > bv || (Double.isNaN(v) && !Double.isNaN(bv))) {
                        bv = v;
                        best = base + j * inner;
                    }
                }
                argmax[o * inner + i] = best;
                y.set(o * inner + i, bv);
            }
        }
        return y;
    }

    // d max/dx_j = 1 at the (first) arg max, 0 elsewhere
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = NDArray.zeros(g.dtype(), inShape);
        for (int r = 0; r < argmax.length; r++) {
            gx.set(argmax[r], gx.get(argmax[r]) + g.get(r));
        }
        return new NDArray[]{gx};
    }

    @Override
    public String describe() {
        return (dim == Sum.ALL ? "all" : "dim=" + dim) + (keepDim ? ", keepDim" : "");
    }

}
