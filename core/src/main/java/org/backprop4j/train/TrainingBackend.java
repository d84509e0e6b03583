package org.backprop4j.train;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.backprop4j.ndarray.DType;

/**
 * Another place to compute a {@link Trainer}'s steps, such as a Spark cluster, found at run time with
 * {@link ServiceLoader} so that neither core nor the command line depends on it at compile time. It
 * provides a {@link StepExecutor} for the trainer; the training loop itself stays the trainer's.
 */
public interface TrainingBackend extends AutoCloseable {

    /** The name that selects this backend, such as {@code "spark"}. */
    String name();

    /**
     * Starts the backend with string options (which keys it reads is up to the backend, e.g.
     * {@code master}, {@code mode}, {@code partitions}, {@code local-steps}, {@code seed}).
     */
    void start(Map<String, String> options);

    /**
     * Reads a table (e.g. Parquet or CSV, at a path the backend understands) as labelled samples,
     * {@code labelColumn} (null: the last column) and all other numeric columns, and prepares it as
     * {@code split} says, keeping the rows where the backend computes.
     */
    RemoteTable readTable(String path, String labelColumn, TableSplit split);

    /**
     * The step executor for a trainer whose workers rebuild the model from {@code architecture}, the
     * model-file metadata of its architecture (keys {@code inputs, hidden, outputs, activation,
     * dropout}), with parameters of {@code dtype}.
     */
    StepExecutor executor(Map<String, String> architecture, DType dtype);

    /** Stops the backend and releases what it holds. */
    @Override
    void close();

    /** The backend of that name on the class path, if any. */
    static Optional<TrainingBackend> find(String name) {
        for (TrainingBackend b : ServiceLoader.load(TrainingBackend.class)) {
            if (b.name().equalsIgnoreCase(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
