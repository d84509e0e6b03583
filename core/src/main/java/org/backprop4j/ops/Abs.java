package org.backprop4j.ops;

/** Element-wise absolute value. */
public final class Abs extends UnaryOp {
    @Override
    protected double value(double x) {
        return Math.abs(x);
    }

    // d|x|/dx = sign(x), taken as 0 at x = 0 as in PyTorch
    @Override
    protected double derivative(double x, double y) {
        return Math.signum(x);
    }
}
