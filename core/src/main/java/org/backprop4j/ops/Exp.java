package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.factor;
import static org.backprop4j.ops.MathText.text;

/** Element-wise e^x. */
public final class Exp extends UnaryOp {
    @Override
    protected double value(double x) {
        return Math.exp(x);
    }

    // d e^x/dx = e^x
    @Override
    protected double derivative(double x, double y) {
        return y;
    }

    @Override
    protected Partial partial(int a, double x, double y) {
        return new Partial(0, a, derivative(x, y), "exp'(u) = e^u", MathText.of(text("e^"), factor(x)), MathText.of(text("exp")));
    }
}
