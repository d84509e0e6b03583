package org.backprop4j.train;

import java.util.List;
import java.util.Map;
import org.backprop4j.data.FeatureScaler;
import org.backprop4j.ndarray.DType;

/**
 * A labelled table that a {@link TrainingBackend} has read, split and scaled where it keeps its rows
 * (never in this process): this process holds sizes, names and the scaling's parameters, draws the
 * sample order with a {@link org.backprop4j.data.DataLoader#builder(int) loader of indices}, and has
 * the steps and evaluations computed where the rows are.
 */
public interface RemoteTable extends AutoCloseable {
    /** The number of training samples (indices 0..N-1 of the training part). */
    int trainSize();

    /** The number of features per sample. */
    int numFeatures();

    /** The number of classes K. */
    int numClasses();

    /** The class names (index k names class k), or empty when the labels are the class indices. */
    List<String> classNames();

    /** The scaling fitted on the training part, or null for none. */
    FeatureScaler scaler();

    /** A fingerprint of the table's content (sizes, class names, values and labels in the table's order). */
    String fingerprint();

    /** The validation part, or null when there is none. */
    EvaluationSet validation();

    /** The test part. */
    EvaluationSet test();

    /**
     * The step executor that trains on the training part, for models rebuilt from
     * {@code architecture} (model-file metadata) with parameters of {@code dtype}.
     */
    StepExecutor executor(Map<String, String> architecture, DType dtype);

    /** Releases the rows the backend keeps. */
    @Override
    void close();
}
