package org.backprop4j.ops;

/** Element-wise negation. */
public final class Neg extends UnaryOp {
    @Override
    protected double value(double x) {
        return -x;
    }

    // d(-x)/dx = -1
    @Override
    protected double derivative(double x, double y) {
        return -1.0;
    }
}
