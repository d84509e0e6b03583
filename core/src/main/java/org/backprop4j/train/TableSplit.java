package org.backprop4j.train;

import java.util.Objects;

/**
 * How a {@link TrainingBackend} prepares a table for training where it keeps it, by the rules of a
 * run in one process: a stratified test part ({@link org.backprop4j.data.Split#stratifiedSplit} with
 * {@code seed}), the first {@code limit} remaining samples (0: all), a stratified validation part of
 * those (seed {@code seed + 1}; fraction 0: none) and a scaling fitted on the training part.
 *
 * @param testFraction the held-out test fraction, in (0, 1)
 * @param validationFraction the validation fraction of the rest, in [0, 1)
 * @param limit the number of samples kept before the validation split, 0 for all
 * @param scaling {@code none}, {@code standardize} or {@code minmax} (the kinds of {@code io.Scaling})
 * @param seed the seed of the splits
 */
public record TableSplit(double testFraction, double validationFraction, int limit, String scaling, long seed) {
    /** Checks the fractions, the limit and the scaling kind. */
    public TableSplit {
        Objects.requireNonNull(scaling, "scaling");
        if (!(testFraction > 0 && testFraction < 1) || !(validationFraction >= 0 && validationFraction < 1) || limit < 0) {
            throw new IllegalArgumentException("test fraction " + testFraction + ", validation fraction "
                    + validationFraction + " and limit " + limit + ": need (0, 1), [0, 1) and >= 0");
        }
        if (!scaling.equals("none") && !scaling.equals("standardize") && !scaling.equals("minmax")) {
            throw new IllegalArgumentException("unknown scaling '" + scaling + "'; expected none, standardize or minmax");
        }
    }
}
