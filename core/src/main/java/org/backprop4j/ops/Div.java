package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/** Element-wise {@code a / b} with NumPy broadcasting. */
public final class Div extends Op {
    private NDArray a;
    private NDArray b;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Div");
        a = in[0];
        b = in[1];
        return NDArray.zip(a, b, (x, y) -> x / y);
    }

    // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray ga = needsGrad[0] ? NDArray.zip(g, b, (x, y) -> x / y).sumTo(a.shape()) : null;
        NDArray gb = null;
        if (needsGrad[1]) {
            NDArray ratio = NDArray.zip(a, b, (x, y) -> -x / (y * y));
            gb = NDArray.zip(g, ratio, (x, y) -> x * y).sumTo(b.shape());
        }
        return new NDArray[]{ga, gb};
    }
}
