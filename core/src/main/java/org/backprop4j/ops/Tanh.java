package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.factor;
import static org.backprop4j.ops.MathText.text;

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

    @Override
    protected Partial partial(int a, double x, double y) {
        return new Partial(0, a, derivative(x, y), "tanh'(a) = 1 - h^2", MathText.of(text("1 - "), factor(y), text("^2")),
                MathText.of(text("tanh")));
    }

    @Override
    public Role role() {
        return Role.ACTIVATION;
    }
}
