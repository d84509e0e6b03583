package org.backprop4j.cli;

import org.backprop4j.data.Dataset;
import org.backprop4j.data.IdxDatasets;
import org.backprop4j.data.MinMaxScaler;
import org.backprop4j.data.Standardizer;

/** The feature scaling of a model: none, a {@link Standardizer} or a {@link MinMaxScaler}, fitted on training data. */
final class Scaler {
    private final Standardizer standardizer;
    private final MinMaxScaler minMax;
    private final String description;

    private Scaler(Standardizer standardizer, MinMaxScaler minMax, String description) {
        this.standardizer = standardizer;
        this.minMax = minMax;
        this.description = description;
    }

    /** No scaling. */
    static Scaler none() {
        return new Scaler(null, null, "none");
    }

    /** Wraps a standardizer. */
    static Scaler of(Standardizer s) {
        return new Scaler(s, null, "standardized (mean and std of the training split)");
    }

    /** Wraps a min-max scaler. */
    static Scaler of(MinMaxScaler m) {
        return new Scaler(null, m, "min-max scaled to [0, 1] (range of the training split)");
    }

    /** Wraps a fitted scaler (a standardizer or a min-max scaler), or none when it is null. */
    static Scaler of(org.backprop4j.data.FeatureScaler s) {
        if (s == null) {
            return none();
        }
        return s instanceof Standardizer st ? of(st) : of((MinMaxScaler) s);
    }

    /** Fits the scaling {@code kind} on {@code train}. */
    static Scaler fit(Preset.Scaling kind, Dataset train) {
        switch (kind) {
            case STANDARDIZE:
                return of(Standardizer.fit(train));
            case MINMAX:
                return of(MinMaxScaler.fit(train));
            case PIXELS:
                return new Scaler(null, IdxDatasets.pixelScaler(train.numFeatures()), "pixels divided by 255");
            default:
                return none();
        }
    }

    /** The scaled data set (the same object without scaling). */
    Dataset apply(Dataset d) {
        if (standardizer != null) {
            return standardizer.transform(d);
        }
        return minMax != null ? minMax.transform(d) : d;
    }

    /** The same scaling as the io package saves it with a model. */
    org.backprop4j.io.Scaling toSaved() {
        if (standardizer != null) {
            return org.backprop4j.io.Scaling.of(standardizer);
        }
        return minMax != null ? org.backprop4j.io.Scaling.of(minMax) : org.backprop4j.io.Scaling.none();
    }

    /** The standardizer, or null. */
    Standardizer standardizer() {
        return standardizer;
    }

    /** The min-max scaler, or null. */
    MinMaxScaler minMax() {
        return minMax;
    }

    /** How the features are scaled, in words. */
    @Override
    public String toString() {
        return description;
    }
}
