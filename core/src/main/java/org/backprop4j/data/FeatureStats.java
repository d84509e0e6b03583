package org.backprop4j.data;

import java.io.Serializable;

/**
 * Per-feature statistics of rows of features that can be gathered in parts and merged, with the same
 * result for any order and grouping: the number of rows, the minimum and maximum of each feature
 * (what {@link MinMaxScaler} is fitted from) and the exact sum of each feature (for the mean of a
 * {@link Standardizer}), or, for statistics {@linkplain #around centred} on given means, the exact
 * sum of each feature's squared deviations {@code (x - mean)^2} (for its standard deviation).
 */
public final class FeatureStats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The means the squared deviations are taken from, or null for sums of the values. */
    private final double[] center;
    /** Per feature, the exact sum of the values or of the squared deviations. */
    private final ExactSum[] sums;
    /** Per feature, the smallest value. */
    private final double[] min;
    /** Per feature, the largest value. */
    private final double[] max;
    /** The number of rows added. */
    private long rows;

    private FeatureStats(int numFeatures, double[] center) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures must be at least 1, got " + numFeatures);
        }
        this.center = center;
        this.sums = new ExactSum[numFeatures];
        for (int j = 0; j < numFeatures; j++) {
            sums[j] = new ExactSum();
        }
        this.min = new double[numFeatures];
        this.max = new double[numFeatures];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Empty statistics of rows of {@code numFeatures} features: sums of the values. */
    public static FeatureStats of(int numFeatures) {
        return new FeatureStats(numFeatures, null);
    }

    /** Empty statistics whose sums are of the squared deviations from {@code mean} (one per feature; copied). */
    public static FeatureStats around(double[] mean) {
        return new FeatureStats(mean.length, mean.clone());
    }

    /** The statistics of all rows of {@code data}. */
    public static FeatureStats of(Dataset data) {
        return of(data.numFeatures()).addRows(data.featureData(), data.size());
    }

    /** The statistics of all rows of {@code data} centred on {@code mean}. */
    public static FeatureStats around(double[] mean, Dataset data) {
        return around(mean).addRows(data.featureData(), data.size());
    }

    /** Adds the first {@code count} rows of row-major {@code x}; returns these statistics. */
    public FeatureStats addRows(float[] x, int count) {
        int d = sums.length;
        if ((long) count * d > x.length) {
            throw new IllegalArgumentException(count + " rows of " + d + " features need " + (long) count * d
                    + " values, got " + x.length);
        }
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
                if (center == null) {
                    sums[j].add(v);
                } else {
                    double e = v - center[j];
                    sums[j].add(e * e);
                }
            }
        }
        rows += count;
        return this;
    }

    /** Adds the rows counted in {@code other} (statistics of the same kind and features); returns these. */
    public FeatureStats merge(FeatureStats other) {
        if (other.sums.length != sums.length || !java.util.Arrays.equals(other.center, center)) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.sums.length + " features into "
                    + sums.length + " or with other centres");
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j].merge(other.sums[j]);
            min[j] = Math.min(min[j], other.min[j]);
            max[j] = Math.max(max[j], other.max[j]);
        }
        rows += other.rows;
        return this;
    }

    /** The number of rows added. */
    public long rows() {
        return rows;
    }

    /** The number of features. */
    public int numFeatures() {
        return sums.length;
    }

    /** Per feature, the sum of the values (or of the squared deviations), rounded once to double. */
    public double[] sums() {
        double[] s = new double[sums.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = sums[j].value();
        }
        return s;
    }

    /** The per-feature minima (a copy; +infinity before any row). */
    public double[] min() {
        return min.clone();
    }

    /** The per-feature maxima (a copy; -infinity before any row). */
    public double[] max() {
        return max.clone();
    }
}
