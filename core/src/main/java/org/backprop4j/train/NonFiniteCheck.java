package org.backprop4j.train;

import java.util.List;
import java.util.Map;
import org.backprop4j.kernel.Reductions;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.optim.NonFiniteStep;
import org.backprop4j.tensor.Tensor;

/** Finds the first NaN or infinity in a loss value or in the values and gradients of named parameters. */
public final class NonFiniteCheck {
    /** Arrays scanned by {@link #firstNonFinite} so far: a test hook showing that training steps scan none. */
    static long scans;

    private NonFiniteCheck() {
    }

    /** A description of the problem when the loss is not finite, else null. */
    public static String loss(double value) {
        return Double.isFinite(value) ? null : "the loss is " + value;
    }

    /**
     * A description naming the first parameter whose value is a NaN or an infinity, else null: the check
     * of a model before training (one scan, not one per step).
     */
    static String values(Map<String, Tensor> params) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String problem = valueProblem(e.getKey(), e.getValue());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The description of parameter {@code name}'s first non-finite value, else null. */
    private static String valueProblem(String name, Tensor p) {
        int bad = firstNonFinite(p.data());
        return bad < 0 ? null : "parameter '" + name + "' (shape " + java.util.Arrays.toString(p.shape()) + ") is "
                + p.data().get(bad) + " at flat index " + bad;
    }

    /**
     * The description of an undone optimiser step, naming the parameter by its name in {@code named}
     * (by position when it has none there), or null when the step was taken.
     */
    static String describe(NonFiniteStep bad, List<Tensor> params, Map<String, Tensor> named) {
        if (bad == null) {
            return null;
        }
        Tensor p = params.get(bad.parameter());
        String name = "#" + bad.parameter();
        for (Map.Entry<String, Tensor> e : named.entrySet()) {
            if (e.getValue() == p) {
                name = e.getKey();
                break;
            }
        }
        return bad.describe(name, p.shape());
    }

    /**
     * A description naming the first parameter whose gradient, or whose value, holds a NaN or
     * infinity, else null. (A NaN weight behind a ReLU can leave the loss and every gradient finite.)
     * Parameters without gradients, such as those of a loaded model, have their values checked.
     */
    public static String gradients(Map<String, Tensor> params) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String problem = valueProblem(e.getKey(), e.getValue());
            if (problem != null) {
                return problem;
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

    /**
     * The flat index of the first NaN or infinity, or -1. Float32 arrays (every step of a float32
     * model) are first scanned by the vectorised, split {@link Reductions#allFinite}; only a bad array
     * is searched element by element for the index.
     */
    static int firstNonFinite(NDArray a) {
        scans++;
        float[] f = a.floatData();
        if (f != null) {
            if (Reductions.allFinite(f)) {
                return -1;
            }
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
