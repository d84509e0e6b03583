package org.backprop4j.data;

import java.util.Objects;

/**
 * Standardises features to zero mean and unit variance, {@code (x - mean) / std} per feature, like
 * scikit-learn's {@code StandardScaler}: the mean and the population standard deviation (divided by
 * N) are fitted on training data and then applied unchanged to any data. A constant feature has
 * std 0, which is replaced by 1 so that it becomes 0 rather than NaN.
 */
public final class Standardizer implements FeatureScaler {
    private final double[] mean;
    private final double[] std;

    /**
     * A standardizer with given parameters, e.g. restored from a saved model; both arrays are copied.
     *
     * @param mean the mean of each feature
     * @param std the standard deviation of each feature, positive, as many values as mean
     * @throws IllegalArgumentException when the lengths differ, a value is not finite or a deviation is not positive
     */
    public Standardizer(double[] mean, double[] std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean has " + mean.length + " values and std " + std.length
                    + "; they need one value per feature each");
        }
        for (int j = 0; j < std.length; j++) {
            if (!Double.isFinite(mean[j]) || !(std[j] > 0 && Double.isFinite(std[j]))) {
                throw new IllegalArgumentException("feature " + j + ": mean " + mean[j] + " and std " + std[j]
                        + " must be finite and std positive");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Fits the per-feature mean and standard deviation of {@code data} (two passes in double precision).
     *
     * @param data the (training) data to fit on, not empty
     * @return the fitted standardizer
     * @throws IllegalArgumentException when data is empty
     */
    public static Standardizer fit(Dataset data) {
        int n = data.size();
        int d = data.numFeatures();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty data set");
        }
        float[] x = data.featureData();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] std = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = x[i * d + j] - mean[j];
                std[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / n);
            if (std[j] == 0) {
                std[j] = 1;
            }
        }
        return new Standardizer(mean, std);
    }

    /**
     * The per-feature means (a copy).
     *
     * @return the mean of each feature
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The per-feature standard deviations, 1 where the fitted data was constant (a copy).
     *
     * @return the standard deviation of each feature
     */
    public double[] std() {
        return std.clone();
    }

    /** A new data set with standardised features and the same labels and names. */
    @Override
    public Dataset transform(Dataset data) {
        Scaling.requireFeatures(data, mean.length, "standardizer");
        return data.withFeatures(Scaling.affine(data, mean, scale()));
    }

    /** The standardised copy of one row of features, {@code (x - mean) / std}. */
    @Override
    public float[] transform(float[] row) {
        return Scaling.affineRow(row, mean, scale(), "standardizer");
    }

    private double[] scale() {
        double[] scale = new double[std.length];
        for (int j = 0; j < std.length; j++) {
            scale[j] = 1 / std[j];
        }
        return scale;
    }
}
