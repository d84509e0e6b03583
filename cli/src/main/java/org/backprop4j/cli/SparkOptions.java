package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.train.TrainingBackend;
import picocli.CommandLine.Option;

/**
 * The options of {@code train} that move training to Spark (--spark, --spark-mode, --local-steps,
 * --partitions, --spark-input). The Spark backend is found on the class path at run time, so the
 * command line does not depend on Spark; the {@code backprop4j} launcher adds it when --spark is given.
 */
final class SparkOptions {
    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Train data-parallel on Spark: local[N] runs embedded, spark://HOST:PORT or yarn a cluster; "
                    + "without a value the master of spark-submit, else local[*].")
    String master;

    @Option(names = "--spark-mode", paramLabel = "MODE", defaultValue = "sync",
            description = "sync: sum the gradients of each global batch (equals single-process training); average: "
                    + "K local steps per worker, then average the parameters (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--local-steps", paramLabel = "K", defaultValue = "4",
            description = "Local steps per round of --spark-mode average (default: ${DEFAULT-VALUE}).")
    int localSteps;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Spark partitions of the training set (default: Spark's parallelism, the cores of local[*]); "
                    + "a --spark-input table keeps the partitions it is read in.")
    int partitions;

    @Option(names = "--spark-input", paramLabel = "PATH",
            description = "Read, split and scale the data in the Spark executors (never on the driver) from a Parquet file "
                    + "or directory, or a CSV file with a header, at any path Hadoop reads (hdfs://, s3a://, file:...): "
                    + "--label NAME and all other numeric columns (needs --spark).")
    String input;

    /** The --spark-input path as a local file, or null when it is not given or names another file system (a URI). */
    Path localInput() {
        return input == null || input.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") ? null : Path.of(input);
    }

    /** True when --spark was given. */
    boolean enabled() {
        return master != null;
    }

    /** Starts the Spark backend, or returns null without --spark; throws when it is not on the class path. */
    TrainingBackend start(long seed) {
        if (!enabled()) {
            if (input != null) {
                throw new IllegalArgumentException("--spark-input needs --spark");
            }
            return null;
        }
        TrainingBackend backend = TrainingBackend.find("spark").orElseThrow(() -> new IllegalArgumentException(
                "--spark needs the backprop4j-spark module and Spark on the class path; the ./backprop4j launcher "
                        + "adds them when --spark is given"));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("master", master);
        options.put("mode", mode);
        options.put("local-steps", Integer.toString(localSteps));
        options.put("partitions", Integer.toString(partitions));
        options.put("seed", Long.toString(seed));
        backend.start(options);
        return backend;
    }
}
