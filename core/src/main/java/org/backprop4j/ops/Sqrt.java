package org.backprop4j.ops;

/** Element-wise square root. */
public final class Sqrt extends UnaryOp {
    @Override
    protected double value(double x) {
        return Math.sqrt(x);
    }

    // d sqrt(x)/dx = 1/(2 sqrt(x))
    @Override
    protected double derivative(double x, double y) {
        return 0.5 / y;
    }
}
