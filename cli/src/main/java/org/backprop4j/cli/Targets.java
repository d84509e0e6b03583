package org.backprop4j.cli;

import java.util.Locale;
import org.backprop4j.tensor.Tensor;

/** Soft targets for {@code --targets soft}: 0.9 for the labelled class and 0.2 for every other, so tau = 0.9 + 0.2 (K - 1) != 1. */
final class Targets {
    private Targets() {
    }

    /** The soft target row [1, K] for a labelled class. */
    static Tensor soft(int label, int k) {
        double[] t = new double[k];
        for (int c = 0; c < k; c++) {
            t[c] = c == label ? 0.9 : 0.2;
        }
        return Tensor.of(t, 1, k);
    }

    /** The sum of the targets. */
    static String tau(Tensor t) {
        double s = 0;
        for (double v : t.toDoubleArray()) {
            s += v;
        }
        return String.format(Locale.ROOT, "%.4g", s);
    }

    /** The targets as {@code [0.2, 0.9]}. */
    static String str(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(']').toString();
    }
}
