package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/** Element-wise {@code a + b} with NumPy broadcasting. */
public final class Add extends Op {
    private int[] aShape;
    private int[] bShape;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Add");
        aShape = in[0].shape();
        bShape = in[1].shape();
        return NDArray.zip(in[0], in[1], Double::sum);
    }

    // d(a+b)/da = 1, d(a+b)/db = 1; broadcast dimensions are summed back
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{needsGrad[0] ? g.sumTo(aShape) : null, needsGrad[1] ? g.sumTo(bShape) : null};
    }
}
