package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** The entries {@code from} (inclusive) to {@code to} (exclusive) along one dimension. */
public final class Slice extends Op implements LocalDerivatives {
    private final int dim;
    private final int from;
    private final int to;
    private int[] inShape;
    private int axis;

    /** A slice {@code [from, to)} along dimension {@code dim}. */
    public Slice(int dim, int from, int to) {
        this.dim = dim;
        this.from = from;
        this.to = to;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "Slice");
        NDArray x = in[0];
        inShape = x.shape();
        axis = Shape.axis(dim, inShape);
        if (from < 0 || to > inShape[axis] || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is out of range for dimension "
                    + dim + " of shape " + Shape.str(inShape));
        }
        int[] outShape = inShape.clone();
        outShape[axis] = to - from;
        NDArray y = NDArray.zeros(x.dtype(), outShape);
        copy(x, y, true);
        return y;
    }

    // the gradient goes back to the sliced positions; elsewhere it is 0
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = NDArray.zeros(g.dtype(), inShape);
        copy(gx, g, false);
        return new NDArray[]{gx};
    }

    /** Copies between the full array and the slice, in the direction given. */
    private void copy(NDArray full, NDArray part, boolean toPart) {
        int outer = Shape.outer(inShape, axis);
        int inner = Shape.inner(inShape, axis);
        int fullLen = inShape[axis] * inner;
        int partLen = (to - from) * inner;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < partLen; j++) {
                int fi = o * fullLen + from * inner + j;
                int pi = o * partLen + j;
                if (toPart) {
                    part.set(pi, full.get(fi));
                } else {
                    full.set(fi, part.get(pi));
                }
            }
        }
    }

    /** Output element a copies the input element at the same position, shifted by {@code from} along the sliced dimension. */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int inner = Shape.inner(inShape, axis);
        int partLen = (to - from) * inner;
        int source = a / partLen * inShape[axis] * inner + from * inner + a % partLen;
        out.add(new Partial(0, source, 1, "1", MathText.EMPTY, MathText.of(MathText.text("copy"))));
        return true;
    }

    @Override
    public Role role() {
        return Role.MOVE;
    }

    @Override
    public String describe() {
        return "dim=" + dim + ", " + from + ":" + to;
    }
}
