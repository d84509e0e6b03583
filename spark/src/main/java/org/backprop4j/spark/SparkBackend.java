package org.backprop4j.spark;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.backprop4j.ndarray.DType;
import org.backprop4j.train.RemoteTable;
import org.backprop4j.train.StepExecutor;
import org.backprop4j.train.TableSplit;
import org.backprop4j.train.TrainingBackend;

/**
 * The {@link TrainingBackend} named {@code spark}, registered for {@link java.util.ServiceLoader}: what
 * {@code backprop4j train --spark MASTER} runs. Options: {@code master} (empty: spark-submit's, else
 * local[*]), {@code mode} (sync or average), {@code local-steps} (K of the averaging mode),
 * {@code partitions} (0: Spark's default parallelism) and {@code seed}.
 */
public final class SparkBackend implements TrainingBackend {
    private Map<String, String> options = Map.of();
    private SparkSession spark;

    /** A backend that is not started yet (ServiceLoader calls this). */
    public SparkBackend() {
    }

    /** {@code spark}. */
    @Override
    public String name() {
        return "spark";
    }

    /** Starts (or joins) the Spark session. */
    @Override
    public void start(Map<String, String> opts) {
        this.options = Map.copyOf(opts);
        this.spark = SparkSessions.start(options.get("master"));
    }

    /** The running session (after {@link #start}). */
    public SparkSession session() {
        if (spark == null) {
            throw new IllegalStateException("the Spark backend has not been started");
        }
        return spark;
    }

    /** Reads, splits and scales a Parquet or CSV table in the executors ({@link DistributedTable}). */
    @Override
    public RemoteTable readTable(String path, String labelColumn, TableSplit split) {
        return DistributedTable.read(session(), path, labelColumn, split, this);
    }

    /** {@link SparkSteps} configured from the options, for models built from {@code architecture}. */
    @Override
    public StepExecutor executor(Map<String, String> architecture, DType dtype) {
        return steps(architecture, dtype, null);
    }

    /** {@link SparkSteps} configured from the options, on the blocks of a table's training part or (null) the loader's data. */
    StepExecutor steps(Map<String, String> architecture, DType dtype, JavaRDD<Shard> table) {
        Mode mode = mode(options.getOrDefault("mode", "sync"));
        SparkSteps.Builder b = SparkSteps.builder(JavaSparkContext.fromSparkContext(session().sparkContext()),
                        ModelRecipe.of(architecture, dtype))
                .mode(mode)
                .localSteps(Integer.parseInt(options.getOrDefault("local-steps", "4")))
                .partitions(Integer.parseInt(options.getOrDefault("partitions", "0")))
                .seed(Long.parseLong(options.getOrDefault("seed", "42")))
                .log(System.out::println);
        if (table != null) {
            b.table(table);
        }
        SparkSteps steps = b.build();
        System.out.printf(Locale.ROOT, "spark %s, master %s: %s mode, %d partitions%s%n", spark.version(),
                spark.sparkContext().master(), options.getOrDefault("mode", "sync"), steps.partitions(),
                mode == Mode.AVERAGING ? ", " + steps.batchesPerRound() + " local steps per round" : "");
        return steps;
    }

    /** Stops the session. */
    @Override
    public void close() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }

    /** The mode called {@code name}: sync, or average (averaging). */
    static Mode mode(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "sync":
                return Mode.SYNC;
            case "average":
            case "averaging":
                return Mode.AVERAGING;
            default:
                throw new IllegalArgumentException("unknown --spark-mode '" + name + "'; choose sync or average");
        }
    }
}
