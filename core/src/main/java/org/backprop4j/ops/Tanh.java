package org.backprop4j.ops;

/** Element-wise hyperbolic tangent. */
public final class Tanh extends UnaryOp {
    @Override
    protected double value(double x) {
        return Math.tanh(x);
    }

    // d tanh(x)/dx = 1 - tanh(x)^2
    @Override
    protected double derivative(double x, double y) {
        return 1.0 - y * y;
    }
}
