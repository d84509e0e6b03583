package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;

/**
 * Inverted dropout: each element is zeroed with probability p and the survivors are scaled by
 * 1/(1-p), so the expected value is unchanged. The mask is drawn from the given generator.
 */
public final class Dropout extends Op {
    private final double p;
    private final Rng rng;
    private NDArray mask;

    /** Dropout with drop probability {@code p} in [0, 1). */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "Dropout");
        NDArray x = in[0];
        mask = x.zerosLike();
        double keep = 1.0 / (1.0 - p);
        for (int i = 0, n = x.size(); i < n; i++) {
            mask.set(i, rng.nextDouble() >= p ? keep : 0.0);
        }
        return NDArray.zip(x, mask, (a, b) -> a * b);
    }

    // d(x m)/dx = m, the same mask as forward
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{NDArray.zip(g, mask, (a, b) -> a * b)};
    }

    @Override
    public String describe() {
        return "p=" + p;
    }
}
