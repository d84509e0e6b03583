package org.backprop4j.ops;

/** Element-wise power with a constant exponent, {@code x^p}. */
public final class PowScalar extends UnaryOp {
    private final double p;

    /** Raises to the constant power {@code p}. */
    public PowScalar(double p) {
        this.p = p;
    }

    @Override
    protected double value(double x) {
        return Math.pow(x, p);
    }

    // d x^p/dx = p x^(p-1)
    @Override
    protected double derivative(double x, double y) {
        return p == 0 ? 0.0 : p * Math.pow(x, p - 1);
    }

    @Override
    public String describe() {
        return "p=" + p;
    }
}
