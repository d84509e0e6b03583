package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

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
        int[] read = BinaryElements.read(aShape, bShape, a);
        MathText note = BinaryElements.note(this);
        out.add(new Partial(0, read[0], 1, "1", MathText.EMPTY, note));
        out.add(new Partial(1, read[1], -1, "-1", MathText.EMPTY, note));
        return true;
    }
}
