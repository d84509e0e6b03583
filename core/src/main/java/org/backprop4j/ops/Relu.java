package org.backprop4j.ops;

/** Element-wise rectified linear unit max(0, x). */
public final class Relu extends UnaryOp {
    @Override
    protected double value(double x) {
        return x > 0 ? x : 0.0;
    }

    // d relu(x)/dx = 1 for x > 0, else 0 (0 at x = 0, as in PyTorch)
    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1.0 : 0.0;
    }
}
