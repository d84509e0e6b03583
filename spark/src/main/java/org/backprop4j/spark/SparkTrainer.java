package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Evaluation;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingListener;

/**
 * Runs a {@link Trainer}'s training on Spark: the training set is cut into contiguous shards, one per
 * partition, cached in the executors; every epoch visits the same global minibatches as the
 * trainer's {@link DataLoader}; the model and optimiser on the driver end as the trainer would leave
 * them, and the trainer's listeners (progress, checkpoints, early stopping) are called as the
 * trainer calls them. Validation runs on the driver.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, adam).epochs(10).build();
 * SparkTrainer st = SparkTrainer.builder(sc, trainer, ModelRecipe.of(spec, DType.FLOAT32)).partitions(4).build();
 * List<EpochResult> history = st.fit(loader, validation);
 * }</pre>
 *
 * <p>In {@link Mode#SYNC} the result equals single-process training with the same global batch up to
 * floating-point summation order (the equivalence test checks 1e-5 in float32 and 1e-12 in
 * float64) when the model has no Dropout; with Dropout each worker draws its masks from
 * {@code Rng(seed ^ mix(step, partition))}, so the masks differ from a single-process run.
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final Trainer trainer;
    private final ModelFactory factory;
    private final Mode mode;
    private final int localSteps;
    private final int partitions;
    private final int treeDepth;
    private final long seed;

    private SparkTrainer(Builder b) {
        this.sc = b.sc;
        this.trainer = b.trainer;
        this.factory = b.factory;
        this.mode = b.mode;
        this.localSteps = b.localSteps;
        this.partitions = b.partitions > 0 ? b.partitions : Math.max(1, b.sc.defaultParallelism());
        this.treeDepth = b.treeDepth;
        this.seed = b.seed;
    }

    /** A builder for training {@code trainer}'s model on {@code sc}; workers build replicas with {@code factory}. */
    public static Builder builder(JavaSparkContext sc, Trainer trainer, ModelFactory factory) {
        return new Builder(sc, trainer, factory);
    }

    /** The number of partitions (shards) the training set is cut into. */
    public int partitions() {
        return partitions;
    }

    /** Trains for all the trainer's epochs; {@code validation} may be null. */
    public List<EpochResult> fit(DataLoader train, Dataset validation) {
        return fit(train, validation, 1);
    }

    /** Trains epochs {@code firstEpoch..epochs} (1-based), as {@link Trainer#fit(DataLoader, Dataset, int)}. */
    public List<EpochResult> fit(DataLoader train, Dataset validation, int firstEpoch) {
        Module model = trainer.model();
        Optimizer opt = trainer.optimizer();
        boolean wide = model.parameters().get(0).dtype() == DType.FLOAT64;
        RunConfig run = new RunConfig(UUID.randomUUID().toString(), factory,
                mode == Mode.AVERAGING ? OptimizerRecipe.of(opt) : null, LossSpec.of(trainer.loss()), seed,
                trainer.clipGradNorm(), wide);
        JavaRDD<Shard> shards = sc.parallelize(Shard.split(train.dataset(), partitions), partitions).cache();
        List<EpochResult> history = new ArrayList<>();
        try {
            long step = (long) (firstEpoch - 1) * train.numBatches();
            for (int epoch = firstEpoch; epoch <= trainer.epochs(); epoch++) {
                EpochResult r = runEpoch(epoch, train, validation, shards, run, step);
                step += train.numBatches();
                history.add(r);
                boolean stop = false;
                for (TrainingListener l : trainer.listeners()) {
                    l.onEpochEnd(r);
                    stop |= l.shouldStop();
                }
                if (stop) {
                    break;
                }
            }
        } finally {
            shards.unpersist(false);
        }
        return history;
    }

    private EpochResult runEpoch(int epoch, DataLoader train, Dataset validation, JavaRDD<Shard> shards, RunConfig run,
                                 long firstStep) {
        Module model = trainer.model();
        Optimizer opt = trainer.optimizer();
        if (trainer.schedule() != null) {
            opt.setLr(trainer.schedule().lr(epoch - 1));
        }
        int samples = train.numBatches() == 0 ? 0 : train.dataset().size();
        for (TrainingListener l : trainer.listeners()) {
            l.onEpochStart(epoch, trainer.epochs(), samples);
        }
        model.train();
        long start = System.nanoTime();
        int[] order = EpochOrder.next(train);
        int end = EpochOrder.used(train);
        int bs = train.batchSize();
        int perRound = mode == Mode.AVERAGING ? localSteps : 1;
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int step = 0;
        for (int from = 0; from < end; from += bs * perRound) {
            int batches = Math.min(perRound, (end - from + bs - 1) / bs);
            int[][] round = new int[batches][];
            for (int k = 0; k < batches; k++) {
                int s = from + k * bs;
                round[k] = Arrays.copyOfRange(order, s, Math.min(end, s + bs));
            }
            long globalStep = firstStep + step;
            List<BatchStats> stats = mode == Mode.SYNC
                    ? List.of(SyncStep.run(sc, shards, run, treeDepth, model, opt, round[0], globalStep))
                    : AveragingRound.run(sc, shards, run, treeDepth, model, opt, round, globalStep);
            for (BatchStats b : stats) {
                lossSum += b.loss() * b.size();
                correct += b.correct();
                seen += b.size();
                step++;
                for (TrainingListener l : trainer.listeners()) {
                    l.onBatchEnd(epoch, step, b.size(), b.loss(), b.correct());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        if (validation != null && validation.size() > 0) {
            Evaluation e = trainer.evaluate(validation);
            valLoss = e.loss();
            valAcc = e.accuracy();
        }
        return new EpochResult(epoch, lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen), valLoss, valAcc,
                seconds, seen / Math.max(seconds, 1e-9), opt.lr());
    }

    /** Options of a {@link SparkTrainer}; every setter returns the builder. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final Trainer trainer;
        private final ModelFactory factory;
        private Mode mode = Mode.SYNC;
        private int localSteps = 4;
        private int partitions;
        private int treeDepth = 2;
        private long seed = 42;

        private Builder(JavaSparkContext sc, Trainer trainer, ModelFactory factory) {
            this.sc = Objects.requireNonNull(sc, "sc");
            this.trainer = Objects.requireNonNull(trainer, "trainer");
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

        /** The configured trainer. */
        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
