package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.text;

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

    @Override
    protected Partial partial(int a, double x, double y) {
        return new Partial(0, a, derivative(x, y), "-1", MathText.EMPTY, MathText.of(text("negation")));
    }
}
