package org.backprop4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/**
 * A contiguous block of the training set, samples {@code start .. start + size() - 1}, held by one
 * Spark partition for the whole run; only sample indices and parameters travel per step.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int start;
    private final int numFeatures;
    private final float[] x;
    private final int[] y;

    private Shard(int index, int start, int numFeatures, float[] x, int[] y) {
        this.index = index;
        this.start = start;
        this.numFeatures = numFeatures;
        this.x = x;
        this.y = y;
    }

    /** {@code parts} contiguous shards of nearly equal size (the first {@code N mod parts} one larger). */
    static List<Shard> split(Dataset data, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + parts);
        }
        int n = data.size();
        int d = data.numFeatures();
        float[] all = data.featureData();
        int[] labels = data.labels();
        List<Shard> out = new ArrayList<>(parts);
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int size = n / parts + (p < n % parts ? 1 : 0);
            out.add(new Shard(p, from, d, Arrays.copyOfRange(all, from * d, (from + size) * d),
                    Arrays.copyOfRange(labels, from, from + size)));
            from += size;
        }
        return out;
    }

    /** The partition index. */
    int index() {
        return index;
    }

    /** The number of samples held. */
    int size() {
        return y.length;
    }

    /** The local rows of the samples of {@code batch} (global indices) that this shard holds, in batch order. */
    int[] rowsOf(int[] batch) {
        int[] rows = new int[batch.length];
        int k = 0;
        for (int i : batch) {
            if (i >= start && i < start + y.length) {
                rows[k++] = i - start;
            }
        }
        return Arrays.copyOf(rows, k);
    }

    /** The features of {@code rows} as a [rows, D] tensor of {@code dtype}. */
    Tensor features(int[] rows, DType dtype) {
        int d = numFeatures;
        if (dtype == DType.FLOAT64) {
            double[] out = new double[rows.length * d];
            for (int r = 0; r < rows.length; r++) {
                for (int j = 0; j < d; j++) {
                    out[r * d + j] = x[rows[r] * d + j];
                }
            }
            return Tensor.wrap(NDArray.wrap(out, rows.length, d));
        }
        float[] out = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(x, rows[r] * d, out, r * d, d);
        }
        return Tensor.wrap(NDArray.wrap(out, rows.length, d));
    }

    /** The labels of {@code rows}. */
    int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = y[rows[r]];
        }
        return out;
    }
}
