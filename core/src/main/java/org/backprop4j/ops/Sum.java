package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/**
 * Sum over all elements, or over one dimension (optionally keeping it with size 1). Accumulates
 * in double precision, in index order.
 */
public class Sum extends Op implements LocalDerivatives {
    /** Marks a reduction over all elements. */
    public static final int ALL = Integer.MIN_VALUE;
    private final int dim;
    private final boolean keepDim;
    private int[] inShape;
    private int outer;
    private int len;
    private int inner;
    private double scale;

    /** A sum over dimension {@code dim} (or {@link #ALL}). */
    public Sum(int dim, boolean keepDim) {
        this.dim = dim;
        this.keepDim = keepDim;
    }

    /** The factor applied to the sum (1 for a sum, 1/n for a mean); known after forward. */
    protected double scale(int count) {
        return 1.0;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, name());
        NDArray x = in[0];
        inShape = x.shape();
        ReducedAxis r = ReducedAxis.of(inShape, dim, keepDim);
        outer = r.outer();
        len = r.len();
        inner = r.inner();
        scale = scale(len);
        NDArray y = NDArray.zeros(x.dtype(), r.outShape());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = 0;
                int base = o * len * inner + i;
                for (int j = 0; j < len; j++) {
                    s += x.get(base + j * inner);
                }
                y.set(o * inner + i, s * scale);
            }
        }
        return y;
    }

    // d(sum_j x_j)/dx_j = 1 (times the scale): the gradient is broadcast back over the reduced dimension
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = NDArray.zeros(g.dtype(), inShape);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double v = g.get(o * inner + i) * scale;
                int base = o * len * inner + i;
                for (int j = 0; j < len; j++) {
                    gx.set(base + j * inner, v);
                }
            }
        }
        return new NDArray[]{gx};
    }

    /** Over all elements: {@code d out / d x[b]} for every b; over one dimension, false (read from backward). */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        if (dim != ALL) {
            return false;
        }
        for (int b = 0; b < len; b++) {
            out.add(partialOfAll(b, len, scale));
        }
        return true;
    }

    /** The partial {@code d out / d x[b]} of a reduction over all {@code count} elements, whose factor is {@code scale}. */
    protected Partial partialOfAll(int b, int count, double scale) {
        return new Partial(0, b, scale, "1", MathText.EMPTY, MathText.of(MathText.text("sum")));
    }

    @Override
    public String describe() {
        return (dim == ALL ? "all" : "dim=" + dim) + (keepDim ? ", keepDim" : "");
    }

}
