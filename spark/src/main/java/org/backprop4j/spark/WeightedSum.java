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

    /** The weighted mean of every array, in its own dtype; counters named {@code step} or {@code *.step} are rounded. */
    Map<String, NDArray> mean() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        entries.forEach((k, e) -> {
            boolean counter = k.equals("step") || k.endsWith(".step");
            double[] m = new double[e.sum.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = counter ? Math.rint(e.sum[i] / weight) : e.sum[i] / weight;
            }
            NDArray a = NDArray.wrap(m, e.shape);
            out.put(k, e.dtype == DType.FLOAT64 ? a : a.astype(e.dtype));
        });
        return out;
    }
}
