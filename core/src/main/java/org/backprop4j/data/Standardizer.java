package org.backprop4j.data;

import java.util.Objects;

/**
 * Standardises features to zero mean and unit variance, {@code (x - mean) / std} per feature, like
 * scikit-learn's {@code StandardScaler}: the mean and the population standard deviation (divided by
 * N) are fitted on training data and then applied unchanged to any data. A constant feature has
 * std 0, which is replaced by 1 so that it becomes 0 rather than NaN.
 */
public final class Standardizer implements FeatureScaler {
    private static final long serialVersionUID = 1L;

    /** The per-feature means. */
    private final double[] mean;
    /** The per-feature standard deviations (1 for a constant feature). */
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
     * Fits the per-feature mean and population standard deviation of {@code data} in two passes:
     * {@code mean = (sum of x) / N}, {@code std = sqrt((sum of (x - mean)^2) / N)}, both sums exact and
     * rounded once ({@link FeatureStats}), so a fit over a table in partitions gives the same values.
     *
     * @param data the (training) data to fit on, not empty
     * @return the fitted standardizer
     * @throws IllegalArgumentException when data is empty
     */
    public static Standardizer fit(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty data set");
        }
        double[] mean = means(FeatureStats.of(data));
        return of(mean, FeatureStats.around(mean, data));
    }

    /** The per-feature means of the rows counted in {@code values}: the exact sums over the number of rows. */
    public static double[] means(FeatureStats values) {
        if (values.rows() == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty data set");
        }
        double[] mean = values.sums();
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= values.rows();
        }
        return mean;
    }

    /**
     * The standardizer of {@code mean} and the standard deviations {@code sqrt(sum / N)} of the
     * squared deviations counted in {@code deviations} ({@link FeatureStats#around(double[])} the
     * same means); a constant feature gets std 1.
     */
    public static Standardizer of(double[] mean, FeatureStats deviations) {
        if (deviations.rows() == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty data set");
        }
        double[] std = deviations.sums();
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.sqrt(std[j] / deviations.rows());
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
        return Scaling.transform(data, mean, scale());
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
