package org.backprop4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;

/**
 * Another place to run {@link Trainer#fit(DataLoader, Dataset, int)}, such as a Spark cluster,
 * found at run time with {@link ServiceLoader} so that neither core nor the command line depends on
 * it at compile time. An implementation must leave the trainer's model and optimiser exactly as the
 * trainer would (same steps, same listener calls), so that checkpoints, evaluation and saving work
 * unchanged after {@code fit}.
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
     * Trains {@code trainer}'s model like {@code trainer.fit(train, validation, firstEpoch)}; the
     * workers rebuild the model from {@code architecture}, the model-file metadata of its
     * architecture (keys {@code inputs, hidden, outputs, activation, dropout}).
     */
    List<EpochResult> fit(Trainer trainer, Map<String, String> architecture, DataLoader train, Dataset validation,
                          int firstEpoch);

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
