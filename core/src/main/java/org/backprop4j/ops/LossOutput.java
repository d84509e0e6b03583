package org.backprop4j.ops;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/** The output of a classification loss op from its per-sample losses: reduced to a scalar, or one loss per sample. */
final class LossOutput {
    private LossOutput() {
    }

    /**
     * With {@code reduce}, the sum of {@code losses} divided by {@code divisor} as a scalar; without it, the
     * losses as a vector [N] when the input was a batch [N, K], or as a scalar for a single sample [K].
     */
    static NDArray of(double[] losses, boolean reduce, double divisor, DType dtype, boolean batched) {
        if (reduce) {
            double total = 0;
            for (double l : losses) {
                total += l;
            }
            NDArray out = NDArray.zeros(dtype);
            out.set(0, total / divisor);
            return out;
        }
        NDArray out = batched ? NDArray.zeros(dtype, losses.length) : NDArray.zeros(dtype);
        for (int r = 0; r < losses.length; r++) {
            out.set(r, losses[r]);
        }
        return out;
    }
}
