package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/** Element-wise {@code a^b} with NumPy broadcasting, both operands tensors. */
public final class Pow extends Op {
    private NDArray a;
    private NDArray b;
    private NDArray y;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Pow");
        a = in[0];
        b = in[1];
        y = NDArray.zip(a, b, Math::pow);
        return y;
    }

    // d(a^b)/da = b a^(b-1), d(a^b)/db = a^b ln a (taken as 0 where a^b = 0)
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray ga = null;
        NDArray gb = null;
        if (needsGrad[0]) {
            NDArray local = NDArray.zip(a, b, (x, p) -> p == 0 ? 0.0 : p * Math.pow(x, p - 1));
            ga = NDArray.zip(g, local, (x, l) -> x * l).sumTo(a.shape());
        }
        if (needsGrad[1]) {
            NDArray local = NDArray.zip(y, a, (v, x) -> v == 0 ? 0.0 : v * Math.log(x));
            gb = NDArray.zip(g, local, (x, l) -> x * l).sumTo(b.shape());
        }
        return new NDArray[]{ga, gb};
    }
}
