package org.backprop4j.ops;

/** Element-wise natural logarithm. */
public final class Log extends UnaryOp {
    @Override
    protected double value(double x) {
        return Math.log(x);
    }

    // d ln x/dx = 1/x
    @Override
    protected double derivative(double x, double y) {
        return 1.0 / x;
    }
}
