package org.backprop4j.data;

import java.util.Objects;

/**
 * Scales each feature to [0, 1], {@code (x - min) / (max - min)}, with the minimum and maximum
 * fitted on training data and then applied unchanged to any data (whose values may then fall
 * outside [0, 1]), like scikit-learn's {@code MinMaxScaler}. A constant feature (max = min) becomes 0.
 */
public final class MinMaxScaler implements FeatureScaler {
    private static final long serialVersionUID = 1L;

    /** The per-feature minima. */
    private final double[] min;
    /** The per-feature maxima. */
    private final double[] max;

    /**
     * A scaler with given parameters, e.g. restored from a saved model; both arrays are copied.
     *
     * @param min the minimum of each feature
     * @param max the maximum of each feature, as many values as min
     * @throws IllegalArgumentException when the lengths differ or a value is not valid (see the message)
     */
    public MinMaxScaler(double[] min, double[] max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException("min has " + min.length + " values and max " + max.length
                    + "; they need one value per feature each");
        }
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(min[j]) || !Double.isFinite(max[j]) || max[j] < min[j]) {
                throw new IllegalArgumentException("feature " + j + ": min " + min[j] + " and max " + max[j]
                        + " must be finite with min <= max");
            }
        }
        this.min = min.clone();
        this.max = max.clone();
    }

    /**
     * Fits the per-feature minimum and maximum of {@code data}.
     *
     * @param data the (training) data to fit on, not empty
     * @return the fitted scaler
     * @throws IllegalArgumentException when data is empty
     */
    public static MinMaxScaler fit(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot fit a min-max scaler on an empty data set");
        }
        return of(FeatureStats.of(data));
    }

    /** The scaler of the per-feature minima and maxima of the rows counted in {@code stats}. */
    public static MinMaxScaler of(FeatureStats stats) {
        if (stats.rows() == 0) {
            throw new IllegalArgumentException("cannot fit a min-max scaler on an empty data set");
        }
        return new MinMaxScaler(stats.min(), stats.max());
    }

    /**
     * The per-feature minima (a copy).
     *
     * @return the minimum of each feature
     */
    public double[] min() {
        return min.clone();
    }

    /**
     * The per-feature maxima (a copy).
     *
     * @return the maximum of each feature
     */
    public double[] max() {
        return max.clone();
    }

    /** A new data set with scaled features and the same labels and names. */
    @Override
    public Dataset transform(Dataset data) {
        Scaling.requireFeatures(data, min.length, "min-max scaler");
        return Scaling.transform(data, min, scale());
    }

    /** The scaled copy of one row of features, {@code (x - min) / (max - min)}. */
    @Override
    public float[] transform(float[] row) {
        return Scaling.affineRow(row, min, scale(), "min-max scaler");
    }

    private double[] scale() {
        double[] scale = new double[min.length];
        for (int j = 0; j < min.length; j++) {
            double range = max[j] - min[j];
            scale[j] = range == 0 ? 1 : 1 / range;
        }
        return scale;
    }
}
