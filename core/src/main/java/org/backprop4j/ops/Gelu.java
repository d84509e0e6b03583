package org.backprop4j.ops;

import org.backprop4j.kernel.Special;

/** Element-wise GELU, the exact form {@code x · Phi(x)} with Phi the standard normal CDF (PyTorch's default). */
public final class Gelu extends UnaryOp {
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    @Override
    protected double value(double x) {
        return x * 0.5 * (1.0 + Special.erf(x * INV_SQRT2));
    }

    // d/dx [x Phi(x)] = Phi(x) + x phi(x), phi the standard normal density
    @Override
    protected double derivative(double x, double y) {
        double cdf = 0.5 * (1.0 + Special.erf(x * INV_SQRT2));
        return cdf + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    @Override
    public Role role() {
        return Role.ACTIVATION;
    }
}
