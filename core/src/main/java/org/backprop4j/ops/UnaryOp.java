package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/**
 * An element-wise function {@code y = f(x)}. Subclasses give {@code f} and its derivative
 * {@code f'(x)} (which may use the already computed {@code y}); backward is {@code g · f'(x)}.
 */
public abstract class UnaryOp extends Op {
    private NDArray x;
    private NDArray y;

    /** {@code f(x)}. */
    protected abstract double value(double x);

    /** {@code f'(x)}, given also {@code y = f(x)}. */
    protected abstract double derivative(double x, double y);

    @Override
    public NDArray forward(NDArray... inputs) {
        arity(inputs, 1, name());
        x = inputs[0];
        y = x.map(this::value);
        return y;
    }

    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = g.zerosLike();
        for (int i = 0, n = gx.size(); i < n; i++) {
            gx.set(i, g.get(i) * derivative(x.get(i), y.get(i)));
        }
        return new NDArray[]{gx};
    }
}
