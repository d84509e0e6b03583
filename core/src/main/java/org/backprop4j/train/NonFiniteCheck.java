package org.backprop4j.train;

import java.util.Map;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/** Finds the first NaN or infinity in a loss value or in the values and gradients of named parameters. */
public final class NonFiniteCheck {
    private NonFiniteCheck() {
    }

    /** A description of the problem when the loss is not finite, else null. */
    static String loss(double value) {
        return Double.isFinite(value) ? null : "the loss is " + value;
    }

    /**
     * A description naming the first parameter whose gradient, or whose value, holds a NaN or
     * infinity, else null. (A NaN weight behind a ReLU can leave the loss and every gradient finite.)
     * Parameters without gradients, such as those of a loaded model, have their values checked.
     */
    public static String gradients(Map<String, Tensor> params) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            int badValue = firstNonFinite(e.getValue().data());
            if (badValue >= 0) {
                return "parameter '" + e.getKey() + "' (shape " + java.util.Arrays.toString(e.getValue().shape())
                        + ") is " + e.getValue().data().get(badValue) + " at flat index " + badValue;
            }
            Tensor g = e.getValue().grad();
            if (g == null) {
                continue;
            }
            int bad = firstNonFinite(g.data());
            if (bad >= 0) {
                return "the gradient of parameter '" + e.getKey() + "' (shape "
                        + java.util.Arrays.toString(g.shape()) + ") is " + g.data().get(bad) + " at flat index " + bad;
            }
        }
        return null;
    }

    /** The flat index of the first NaN or infinity, or -1. */
    static int firstNonFinite(NDArray a) {
        float[] f = a.floatData();
        if (f != null) {
            for (int i = 0; i < f.length; i++) {
                if (!Float.isFinite(f[i])) {
                    return i;
                }
            }
            return -1;
        }
        double[] d = a.doubleData();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }
}
