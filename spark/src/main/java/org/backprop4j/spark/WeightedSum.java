package org.backprop4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/**
 * A sample-weighted sum of named arrays in float64 (the workers' parameters or optimiser states in
 * the averaging mode), whose {@link #mean()} is the weighted average.
 */
final class WeightedSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One array's shape, dtype and running sum. */
    private record Entry(int[] shape, DType dtype, double[] sum) implements Serializable {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private double weight;

    /** Adds {@code weight} times each array of {@code state}. */
    void add(Map<String, NDArray> state, double w) {
        state.forEach((k, a) -> {
            Entry e = entries.computeIfAbsent(k, key -> new Entry(a.shape(), a.dtype(), new double[a.size()]));
            double[] v = a.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                e.sum[i] += w * v[i];
            }
        });
        weight += w;
    }

    /** Adds another sum into this one; returns this. */
    WeightedSum merge(WeightedSum other) {
        other.entries.forEach((k, o) -> {
            Entry e = entries.get(k);
            if (e == null) {
                entries.put(k, new Entry(o.shape, o.dtype, o.sum.clone()));
            } else {
                for (int i = 0; i < o.sum.length; i++) {
                    e.sum[i] += o.sum[i];
                }
            }
        });
        weight += other.weight;
        return this;
    }

    /** The total weight. */
    double weight() {
        return weight;
    }

    /**
     * The weighted means of the arrays, in their own dtypes, and the first mean that is a NaN or an
     * infinity in its dtype (a mean beyond float32's range is an infinity in float32), or null.
     *
     * @param arrays the means by name
     * @param problem a description of the first non-finite mean, or null
     */
    record Mean(Map<String, NDArray> arrays, String problem) {
    }

    /**
     * The weighted mean of every array, in its own dtype (counters named {@code step} or {@code *.step}
     * are rounded), checked for NaNs and infinities on the same pass.
     */
    Mean mean() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        String problem = null;
        for (Map.Entry<String, Entry> named : entries.entrySet()) {
            String k = named.getKey();
            Entry e = named.getValue();
            boolean counter = k.equals("step") || k.endsWith(".step");
            boolean single = e.dtype != DType.FLOAT64;
            double[] m = new double[e.sum.length];
            int bad = -1;
            for (int i = 0; i < m.length; i++) {
                m[i] = counter ? Math.rint(e.sum[i] / weight) : e.sum[i] / weight;
                if (bad < 0 && !(single ? Float.isFinite((float) m[i]) : Double.isFinite(m[i]))) {
                    bad = i;
                }
            }
            NDArray a = NDArray.wrap(m, e.shape);
            NDArray mean = e.dtype == DType.FLOAT64 ? a : a.astype(e.dtype);
            out.put(k, mean);
            if (bad >= 0 && problem == null) {
                problem = "the workers' average of '" + k + "' (shape " + java.util.Arrays.toString(e.shape) + ") is "
                        + mean.get(bad) + " at flat index " + bad;
            }
        }
        return new Mean(out, problem);
    }
}
