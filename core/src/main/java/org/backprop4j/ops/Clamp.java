package org.backprop4j.ops;

/** Element-wise clamp into [min, max]. */
public final class Clamp extends UnaryOp {
    private final double min;
    private final double max;

    /** Clamps into [min, max]; use infinities for a one-sided clamp. */
    public Clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    protected double value(double x) {
        return Math.min(Math.max(x, min), max);
    }

    // d/dx = 1 where min <= x <= max, else 0 (PyTorch passes the gradient at the bounds)
    @Override
    protected double derivative(double x, double y) {
        return x >= min && x <= max ? 1.0 : 0.0;
    }

    @Override
    public String describe() {
        return "min=" + min + ", max=" + max;
    }
}
