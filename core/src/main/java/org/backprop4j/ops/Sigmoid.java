package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.number;
import static org.backprop4j.ops.MathText.text;

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

    @Override
    protected Partial partial(int a, double x, double y) {
        return new Partial(0, a, derivative(x, y), "sigmoid'(a) = h(1 - h)",
                MathText.of(number(y), text("*(1 - "), number(y), text(")")), MathText.of(text("sigmoid")));
    }

    @Override
    public Role role() {
        return Role.ACTIVATION;
    }
}
