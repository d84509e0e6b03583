package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** Element-wise {@code a - b} with NumPy broadcasting. */
public final class Sub extends Op implements LocalDerivatives {
    private int[] aShape;
    private int[] bShape;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Sub");
        aShape = in[0].shape();
        bShape = in[1].shape();
        return NDArray.zip(in[0], in[1], (a, b) -> a - b);
    }

    // d(a-b)/da = 1, d(a-b)/db = -1
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{
            needsGrad[0] ? g.sumTo(aShape) : null,
            needsGrad[1] ? g.map(v -> -v).sumTo(bShape) : null};
    }

    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int[] s = Shape.broadcast(aShape, bShape);
        MathText note = BinaryNote.of(this);
        out.add(new Partial(0, FlatIndex.broadcast(s, aShape, a), 1, "1", MathText.EMPTY, note));
        out.add(new Partial(1, FlatIndex.broadcast(s, bShape, a), -1, "-1", MathText.EMPTY, note));
        return true;
    }
}
