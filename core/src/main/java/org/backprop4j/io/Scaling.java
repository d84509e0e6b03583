package org.backprop4j.io;

import java.util.Arrays;
import java.util.Objects;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.FeatureScaler;
import org.backprop4j.data.MinMaxScaler;
import org.backprop4j.data.Standardizer;

/**
 * The feature scaling a model was trained with, in a form that can be saved: {@code "none"},
 * {@code "standardize"} (a = mean, b = std, as {@link Standardizer}) or {@code "minmax"} (a = min,
 * b = max, as {@link MinMaxScaler}). (The data package's own scaling arithmetic is internal to it,
 * so this small record is the saveable description, convertible to and from the scalers.)
 *
 * @param kind {@link #NONE}, {@link #STANDARDIZE} or {@link #MINMAX}
 * @param a the means or minima, one per feature (empty for none; copied)
 * @param b the standard deviations or maxima, one per feature (empty for none; copied)
 */
public record Scaling(String kind, double[] a, double[] b) {
    /** No scaling. */
    public static final String NONE = "none";
    /** Standardisation: a = mean, b = std. */
    public static final String STANDARDIZE = "standardize";
    /** Min-max scaling: a = min, b = max. */
    public static final String MINMAX = "minmax";

    /** Validates the kind and the parameters (via the scaler's own checks) and copies the arrays. */
    public Scaling {
        Objects.requireNonNull(kind, "kind");
        a = a == null ? new double[0] : a.clone();
        b = b == null ? new double[0] : b.clone();
        switch (kind) {
            case NONE:
                if (a.length != 0 || b.length != 0) {
                    throw new IllegalArgumentException("scaling 'none' takes no parameters, got " + a.length + " and "
                            + b.length);
                }
                break;
            case STANDARDIZE:
                new Standardizer(a, b);
                break;
            case MINMAX:
                new MinMaxScaler(a, b);
                break;
            default:
                throw new IllegalArgumentException("unknown scaling kind '" + kind + "'; expected none, standardize or minmax");
        }
    }

    /** No scaling. */
    public static Scaling none() {
        return new Scaling(NONE, null, null);
    }

    /** The parameters of a fitted standardizer. */
    public static Scaling of(Standardizer s) {
        return new Scaling(STANDARDIZE, s.mean(), s.std());
    }

    /** The parameters of a fitted min-max scaler. */
    public static Scaling of(MinMaxScaler s) {
        return new Scaling(MINMAX, s.min(), s.max());
    }

    /** The means or minima (a copy). */
    @Override
    public double[] a() {
        return a.clone();
    }

    /** The standard deviations or maxima (a copy). */
    @Override
    public double[] b() {
        return b.clone();
    }

    /** True for {@code "none"}. */
    public boolean isNone() {
        return kind.equals(NONE);
    }

    /** Number of features the scaling applies to (0 for none). */
    public int features() {
        return a.length;
    }

    /** The standardizer; throws unless the kind is {@code "standardize"}. */
    public Standardizer toStandardizer() {
        require(STANDARDIZE);
        return new Standardizer(a, b);
    }

    /** The min-max scaler; throws unless the kind is {@code "minmax"}. */
    public MinMaxScaler toMinMaxScaler() {
        require(MINMAX);
        return new MinMaxScaler(a, b);
    }

    /** Applies the scaling to a data set (returns it unchanged for none). */
    public Dataset transform(Dataset data) {
        return isNone() ? data : scaler().transform(data);
    }

    /** The scaled copy of one row of features (an unchanged copy for none). */
    public float[] transform(float[] row) {
        return isNone() ? row.clone() : scaler().transform(row);
    }

    /** The scaler of this kind, or null for none. */
    FeatureScaler scaler() {
        return isNone() ? null : kind.equals(STANDARDIZE) ? toStandardizer() : toMinMaxScaler();
    }

    private void require(String k) {
        if (!kind.equals(k)) {
            throw new IllegalStateException("the scaling is '" + kind + "', not '" + k + "'");
        }
    }

    /** Equal when the kinds and all parameters are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Scaling s && kind.equals(s.kind) && Arrays.equals(a, s.a) && Arrays.equals(b, s.b);
    }

    /** A hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(a), Arrays.hashCode(b));
    }

    /** The kind and parameters. */
    @Override
    public String toString() {
        return "Scaling[" + kind + (isNone() ? "" : ", a=" + Arrays.toString(a) + ", b=" + Arrays.toString(b)) + "]";
    }
}
