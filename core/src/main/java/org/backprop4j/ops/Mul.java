package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/** Element-wise {@code a · b} with NumPy broadcasting. */
public final class Mul extends Op {
    private NDArray a;
    private NDArray b;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Mul");
        a = in[0];
        b = in[1];
        return NDArray.zip(a, b, (x, y) -> x * y);
    }

    // d(ab)/da = b, d(ab)/db = a
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{
            needsGrad[0] ? NDArray.zip(g, b, (x, y) -> x * y).sumTo(a.shape()) : null,
            needsGrad[1] ? NDArray.zip(g, a, (x, y) -> x * y).sumTo(b.shape()) : null};
    }
}
