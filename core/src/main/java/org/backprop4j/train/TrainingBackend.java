package org.backprop4j.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.backprop4j.data.Dataset;
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

    /** Reads a table (e.g. a Parquet or CSV file) as a labelled data set: {@code labelColumn} and all other numeric columns. */
    Dataset readTable(Path file, String labelColumn);

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
