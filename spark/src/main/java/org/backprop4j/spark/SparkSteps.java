package org.backprop4j.spark;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.data.DataLoader;
import org.backprop4j.ndarray.DType;
import org.backprop4j.train.StepExecutor;
import org.backprop4j.train.RoundFigures;
import org.backprop4j.train.StepFigures;
import org.backprop4j.train.Trainer;

/**
 * The {@link StepExecutor} that computes a {@link Trainer}'s steps on Spark; the trainer's own loop
 * (order, NaN policy, clipping, optimiser step, listeners, interruption, early stopping, checkpoints)
 * runs unchanged on the driver. At the start of each fit the training set is cut into contiguous
 * shards, one per partition, cached in the executors; only parameters and sample indices travel per
 * step.
 *
 * <pre>{@code
 * SparkSteps spark = SparkSteps.builder(sc, ModelRecipe.of(spec, DType.FLOAT32)).partitions(4).build();
 * Trainer trainer = Trainer.builder(model, adam).epochs(10).executor(spark).build();
 * List<EpochResult> history = trainer.fit(loader, validation);
 * }</pre>
 *
 * <p>In {@link Mode#SYNC} the workers sum the gradients of their shares of each global minibatch and
 * the driver divides by the loss's global mean denominator: the result equals single-process
 * training up to floating-point summation order (the equivalence test checks 1e-5 in float32 and
 * 1e-12 in float64) when the model has no Dropout; with Dropout each worker draws its masks from
 * {@code Rng(seed ^ mix(step, partition))}, so the masks differ from a single-process run. In
 * {@link Mode#AVERAGING} each worker takes K local steps per round and the driver averages.
 */
public final class SparkSteps implements StepExecutor {
    private final JavaSparkContext sc;
    private final ModelFactory factory;
    private final Mode mode;
    private final int localSteps;
    private final int partitions;
    private final int treeDepth;
    private final long seed;
    private final Consumer<String> log;
    private final JavaRDD<Shard> table;
    private Trainer trainer;
    private RunConfig run;
    private JavaRDD<Shard> shards;

    private SparkSteps(Builder b) {
        this.sc = b.sc;
        this.factory = b.factory;
        this.mode = b.mode;
        this.localSteps = b.localSteps;
        this.table = b.table;
        this.partitions = b.table != null ? b.table.getNumPartitions()
                : b.partitions > 0 ? b.partitions : Math.max(1, b.sc.defaultParallelism());
        this.treeDepth = b.treeDepth;
        this.seed = b.seed;
        this.log = b.log;
    }

    /** A builder for steps on {@code sc}; workers build model replicas with {@code factory}. */
    public static Builder builder(JavaSparkContext sc, ModelFactory factory) {
        return new Builder(sc, factory);
    }

    /** The number of partitions (shards) the training set is cut into. */
    public int partitions() {
        return partitions;
    }

    /**
     * Ships the training set's shards to the executors (unless they hold the training blocks of a
     * table already), fixes the run's settings and logs which kernel set each executor chose.
     */
    @Override
    public void open(Trainer t, DataLoader train) {
        this.trainer = t;
        boolean wide = t.model().parameters().get(0).dtype() == DType.FLOAT64;
        run = new RunConfig(UUID.randomUUID().toString(), factory,
                mode == Mode.AVERAGING ? OptimizerRecipe.of(t.optimizer()) : null, t.loss(), seed, t.clipGradNorm(), wide);
        try {
            shards = table != null ? table : sc.parallelize(Shard.split(train.dataset(), partitions), partitions).cache();
            log.accept(ExecutorKernels.report(shards));
        } catch (Exception e) {
            throw SparkFailures.translate("shipping the training set to the Spark executors failed", e, sc.sc());
        }
    }

    /** K in the averaging mode, else 1. */
    @Override
    public int batchesPerRound() {
        return mode == Mode.AVERAGING ? localSteps : 1;
    }

    /** The summed gradients of the workers' shares, divided by the global mean denominator. */
    @Override
    public StepFigures gradients(int[] rows, long step) {
        try {
            return SyncStep.run(sc, shards, run, treeDepth, trainer.model(), rows, step);
        } catch (Exception e) {
            throw SparkFailures.translate("training step " + step + " failed on Spark", e, sc.sc());
        }
    }

    /** One parameter-averaging round. */
    @Override
    public RoundFigures round(int[][] batches, long firstStep) {
        try {
            return AveragingRound.run(sc, shards, run, treeDepth, trainer.model(), trainer.optimizer(), batches, firstStep);
        } catch (Exception e) {
            throw SparkFailures.translate("the averaging round from step " + firstStep + " failed on Spark", e, sc.sc());
        }
    }

    /** Drops the cached shards. */
    @Override
    public void close() {
        if (shards != null && shards != table && !sc.sc().isStopped()) {
            shards.unpersist(false);
        }
        shards = null;
    }

    /** Options of {@link SparkSteps}; every setter returns the builder. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final ModelFactory factory;
        private Mode mode = Mode.SYNC;
        private int localSteps = 4;
        private int partitions;
        private int treeDepth = 2;
        private long seed = 42;
        private Consumer<String> log = line -> { };
        private JavaRDD<Shard> table;

        private Builder(JavaSparkContext sc, ModelFactory factory) {
            this.sc = Objects.requireNonNull(sc, "sc");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** {@link Mode#SYNC} (the default) or {@link Mode#AVERAGING}. */
        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** Local steps per round K in the averaging mode, at least 1 (default 4). */
        public Builder localSteps(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("local steps must be at least 1, got " + k);
            }
            this.localSteps = k;
            return this;
        }

        /** Number of partitions of the training set (default: Spark's default parallelism, e.g. the cores of local[*]). */
        public Builder partitions(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("partitions must be at least 1 (0 for the default), got " + n);
            }
            this.partitions = n;
            return this;
        }

        /** Depth of the {@code treeAggregate} that sums the workers' results, at least 1 (default 2). */
        public Builder treeDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("tree depth must be at least 1, got " + depth);
            }
            this.treeDepth = depth;
            return this;
        }

        /** Seed of the workers' Dropout masks (default 42). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Where the executor's log lines go, such as which kernel set each Spark executor chose (default: nowhere). */
        public Builder log(Consumer<String> sink) {
            this.log = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Trains on these blocks of a table's training part, which the executors keep, instead of the loader's data set. */
        Builder table(JavaRDD<Shard> blocks) {
            this.table = Objects.requireNonNull(blocks, "blocks");
            return this;
        }

        /** The configured executor. */
        public SparkSteps build() {
            return new SparkSteps(this);
        }
    }
}
