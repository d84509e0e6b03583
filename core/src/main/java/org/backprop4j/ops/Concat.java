package org.backprop4j.ops;

import java.util.Arrays;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** Joins arrays along one dimension; all other dimensions must agree. */
public final class Concat extends Op {
    private final int dim;
    private int[][] shapes;
    private int axis;

    /** Concatenation along dimension {@code dim}. */
    public Concat(int dim) {
        this.dim = dim;
    }

    @Override
    public NDArray forward(NDArray... in) {
        if (in.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        int[] first = in[0].shape();
        axis = Shape.axis(dim, first);
        shapes = new int[in.length][];
        int total = 0;
        for (int t = 0; t < in.length; t++) {
            NDArray.requireSameDtype(in[0], in[t]);
            int[] s = in[t].shape();
            int[] a = s.clone();
            int[] b = first.clone();
            if (s.length == first.length) {
                a[axis] = 0;
                b[axis] = 0;
            }
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException("concat along dim " + dim + ": shapes " + Shape.str(first)
                        + " and " + Shape.str(s) + " differ in another dimension");
            }
            shapes[t] = s;
            total += s[axis];
        }
        int[] outShape = first.clone();
        outShape[axis] = total;
        NDArray y = NDArray.zeros(in[0].dtype(), outShape);
        int outer = Shape.outer(outShape, axis);
        int inner = Shape.inner(outShape, axis);
        int offset = 0;
        for (NDArray x : in) {
            int len = x.dim(axis) * inner;
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < len; j++) {
                    y.set(o * total * inner + offset + j, x.get(o * len + j));
                }
            }
            offset += len;
        }
        return y;
    }

    // each input receives its own slice of the gradient
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        int[] outShape = g.shape();
        int outer = Shape.outer(outShape, axis);
        int inner = Shape.inner(outShape, axis);
        int total = outShape[axis];
        NDArray[] grads = new NDArray[shapes.length];
        int offset = 0;
        for (int t = 0; t < shapes.length; t++) {
            int len = shapes[t][axis] * inner;
            if (needsGrad[t]) {
                NDArray gx = NDArray.zeros(g.dtype(), shapes[t]);
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < len; j++) {
                        gx.set(o * len + j, g.get(o * total * inner + offset + j));
                    }
                }
                grads[t] = gx;
            }
            offset += len;
        }
        return grads;
    }

    @Override
    public String describe() {
        return "dim=" + dim;
    }
}
