package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** Picks rows (entries along dimension 0) by index; an index may repeat. */
public final class IndexSelect extends Op {
    private final int[] rows;
    private int[] inShape;

    /** Selects the given rows, in order. */
    public IndexSelect(int[] rows) {
        this.rows = rows.clone();
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "IndexSelect");
        NDArray x = in[0];
        inShape = x.shape();
        if (inShape.length == 0) {
            throw new IllegalArgumentException("cannot select rows of a scalar");
        }
        int[] outShape = inShape.clone();
        outShape[0] = rows.length;
        int row = Shape.inner(inShape, 0);
        NDArray y = NDArray.zeros(x.dtype(), outShape);
        for (int r = 0; r < rows.length; r++) {
            int src = rows[r];
            if (src < 0 || src >= inShape[0]) {
                throw new IllegalArgumentException("row index " + src + " is out of range for shape " + Shape.str(inShape));
            }
            for (int j = 0; j < row; j++) {
                y.set(r * row + j, x.get(src * row + j));
            }
        }
        return y;
    }

    // each selected row's gradient is added back to the row it came from
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = NDArray.zeros(g.dtype(), inShape);
        int row = Shape.inner(inShape, 0);
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < row; j++) {
                int at = rows[r] * row + j;
                gx.set(at, gx.get(at) + g.get(r * row + j));
            }
        }
        return new NDArray[]{gx};
    }
}
