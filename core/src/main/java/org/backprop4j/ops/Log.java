package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.factor;
import static org.backprop4j.ops.MathText.text;

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

    @Override
    protected Partial partial(int a, double x, double y) {
        return new Partial(0, a, derivative(x, y), "log'(u) = 1/u", MathText.of(text("1/"), factor(x)), MathText.of(text("log")));
    }
}
