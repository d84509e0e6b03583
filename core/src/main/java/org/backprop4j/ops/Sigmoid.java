package org.backprop4j.ops;

/** Element-wise logistic sigmoid 1 / (1 + e^-x). */
public final class Sigmoid extends UnaryOp {
    @Override
    protected double value(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    // d sigma(x)/dx = sigma(x)(1 - sigma(x))
    @Override
    protected double derivative(double x, double y) {
        return y * (1.0 - y);
    }
}
