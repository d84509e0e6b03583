package org.backprop4j.ops;

/** Element-wise leaky ReLU: x for x > 0, else {@code slope · x}. */
public final class LeakyRelu extends UnaryOp {
    private final double slope;

    /** A leaky ReLU with the given negative slope (PyTorch's default is 0.01). */
    public LeakyRelu(double slope) {
        this.slope = slope;
    }

    @Override
    protected double value(double x) {
        return x > 0 ? x : slope * x;
    }

    // d/dx = 1 for x > 0, else slope
    @Override
    protected double derivative(double x, double y) {
        return x > 0 ? 1.0 : slope;
    }

    @Override
    public String describe() {
        return "slope=" + slope;
    }

    @Override
    public Role role() {
        return Role.ACTIVATION;
    }
}
