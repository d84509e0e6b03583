package org.backprop4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.FeatureScaler;
import org.backprop4j.data.FeatureStats;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/**
 * Samples of the training set held by one Spark partition, by global sample index: a contiguous block
 * {@code start .. start + size() - 1} (a piece of a partition, cached in the executors for the whole
 * run), or the rows one round needs, gathered from a partition's pieces ({@link #forRound}). Only
 * parameters and sample indices travel per step.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 2L;

    private final int index;
    private final int start;
    private final int[] ids;
    private final int numFeatures;
    private final float[] x;
    private final int[] y;

    private Shard(int index, int start, int[] ids, int numFeatures, float[] x, int[] y) {
        this.index = index;
        this.start = start;
        this.ids = ids;
        this.numFeatures = numFeatures;
        this.x = x;
        this.y = y;
    }

    /** The contiguous block of samples {@code start ..} with row-major features {@code x} and labels {@code y} (taken over). */
    static Shard block(int start, int numFeatures, float[] x, int[] y) {
        return new Shard(-1, start, null, numFeatures, x, y);
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
            out.add(new Shard(p, from, null, d, Arrays.copyOfRange(all, from * d, (from + size) * d),
                    Arrays.copyOfRange(labels, from, from + size)));
            from += size;
        }
        return out;
    }

    /**
     * Per partition of {@code pieces}, the one shard of the rows that the round's {@code batches}
     * (global sample indices) need: a pass over the partition's cached pieces that keeps only those rows, so a partition
     * larger than an executor's memory (pieces cached on disk) can be trained on.
     */
    static JavaRDD<Shard> forRound(JavaRDD<Shard> pieces, int[][] batches) {
        return pieces.mapPartitionsWithIndex((p, it) -> List.of(gather(p, it, batches)).iterator(), true);
    }

    /** The rows of {@code batches} (global indices) that {@code pieces} hold, as the shard of partition {@code partition}. */
    static Shard gather(int partition, Iterator<Shard> pieces, int[][] batches) {
        int total = 0;
        for (int[] b : batches) {
            total += b.length;
        }
        int[] wanted = new int[total];
        int k = 0;
        for (int[] b : batches) {
            System.arraycopy(b, 0, wanted, k, b.length);
            k += b.length;
        }
        Arrays.sort(wanted);
        int d = -1;
        int found = 0;
        // grown as rows are found: a partition holds only its share of the round's rows
        int[] ids = new int[16];
        float[] xs = new float[0];
        int[] ys = new int[16];
        while (pieces.hasNext()) {
            Shard s = pieces.next();
            if (d < 0) {
                d = s.numFeatures;
                xs = new float[16 * d];
            }
            // a block holds the wanted indices in [start, start + size): a range of the sorted list
            int from = s.ids == null ? lowerBound(wanted, s.start) : 0;
            int to = s.ids == null ? lowerBound(wanted, s.start + s.size()) : total;
            for (int w = from; w < to; w++) {
                if (w > 0 && wanted[w] == wanted[w - 1]) {
                    continue;
                }
                int row = s.rowOf(wanted[w]);
                if (row >= 0) {
                    if (found == ids.length) {
                        ids = Arrays.copyOf(ids, 2 * found);
                        ys = Arrays.copyOf(ys, 2 * found);
                        xs = Arrays.copyOf(xs, 2 * found * d);
                    }
                    ids[found] = wanted[w];
                    System.arraycopy(s.x, row * d, xs, found * d, d);
                    ys[found++] = s.y[row];
                }
            }
        }
        // the rows in increasing index order, whatever the order of the pieces
        Integer[] order = new Integer[found];
        for (int i = 0; i < found; i++) {
            order[i] = i;
        }
        int[] foundIds = ids;
        Arrays.sort(order, (a, b) -> Integer.compare(foundIds[a], foundIds[b]));
        int dd = Math.max(d, 1);
        int[] sortedIds = new int[found];
        float[] sortedX = new float[found * dd];
        int[] sortedY = new int[found];
        for (int i = 0; i < found; i++) {
            int r = order[i];
            sortedIds[i] = foundIds[r];
            if (d > 0) {
                System.arraycopy(xs, r * d, sortedX, i * d, d);
            }
            sortedY[i] = ys[r];
        }
        return new Shard(partition, 0, sortedIds, dd, sortedX, sortedY);
    }

    /** The first position of sorted {@code a} whose value is at least {@code key}. */
    private static int lowerBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The local row of global sample {@code id}, or -1 when this shard does not hold it. */
    private int rowOf(int id) {
        if (ids != null) {
            int r = Arrays.binarySearch(ids, id);
            return r >= 0 ? r : -1;
        }
        return id >= start && id < start + y.length ? id - start : -1;
    }

    /** This block numbered from {@code start() + offset}. */
    Shard shifted(int offset) {
        return new Shard(index, start + offset, null, numFeatures, x, y);
    }

    /** The samples of this block with indices below {@code n}, or null when there are none. */
    Shard prefixBefore(int n) {
        if (start >= n) {
            return null;
        }
        int keep = Math.min(y.length, n - start);
        return keep == y.length ? this : new Shard(index, start, null, numFeatures,
                Arrays.copyOf(x, keep * numFeatures), Arrays.copyOf(y, keep));
    }

    /** This block with features scaled as {@code scaler} scales a data set of {@code numClasses} classes. */
    Shard scaled(FeatureScaler scaler, int numClasses) {
        return new Shard(index, start, ids, numFeatures, scaler.transform(asDataset(numClasses)).featureData(), y);
    }

    /** Adds the number of samples of each class to {@code counts}. */
    void countClasses(long[] counts) {
        for (int c : y) {
            counts[c]++;
        }
    }

    /** Adds the features to {@code stats}; returns them. */
    FeatureStats addTo(FeatureStats stats) {
        return stats.addRows(x, y.length);
    }

    /** A hash of local row {@code row}'s feature bits and label, for {@link TableFingerprint}. */
    long rowHash(int row) {
        long h = 0;
        for (int j = 0; j < numFeatures; j++) {
            h = TableFingerprint.mix(h, Float.floatToIntBits(x[row * numFeatures + j]));
        }
        return TableFingerprint.reduce(TableFingerprint.mix(h, y[row]));
    }

    /** The label of local row {@code row}. */
    int label(int row) {
        return y[row];
    }

    /** The partition index. */
    int index() {
        return index;
    }

    /** The number of samples held. */
    int size() {
        return y.length;
    }

    /** The global index of the first sample of a contiguous block. */
    int start() {
        return start;
    }

    /** The number of features per sample. */
    int numFeatures() {
        return numFeatures;
    }

    /** The samples as a data set of {@code numClasses} classes (sharing the arrays). */
    Dataset asDataset(int numClasses) {
        return new Dataset(x, numFeatures, y, numClasses);
    }

    /** The local rows of the samples of {@code batch} (global indices) that this shard holds, in batch order. */
    int[] rowsOf(int[] batch) {
        int[] rows = new int[batch.length];
        int k = 0;
        for (int i : batch) {
            int r = rowOf(i);
            if (r >= 0) {
                rows[k++] = r;
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

    /** A contiguous block being filled row by row from other blocks. */
    static final class Builder {
        private final int start;
        private final int d;
        private final float[] x;
        private final int[] y;
        private int n;

        Builder(int start, int numFeatures, int capacity) {
            this.start = start;
            this.d = numFeatures;
            this.x = new float[capacity * numFeatures];
            this.y = new int[capacity];
        }

        /** Appends local row {@code row} of {@code from}. */
        void add(Shard from, int row) {
            System.arraycopy(from.x, row * d, x, n * d, d);
            y[n++] = from.y[row];
        }

        /** The number of rows appended. */
        int size() {
            return n;
        }

        /** The block of the rows appended. */
        Shard build() {
            return block(start, d, n == y.length ? x : Arrays.copyOf(x, n * d), n == y.length ? y : Arrays.copyOf(y, n));
        }
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
