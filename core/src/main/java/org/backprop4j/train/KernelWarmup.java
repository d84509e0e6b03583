package org.backprop4j.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.kernel.GemmTiles;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Parallel;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/**
 * Gets the JIT to compile the code of the run's training steps while the caller does something else
 * (reading the data): a daemon thread trains copies of the run's own architecture, built by the
 * caller's {@link ModelFactory}, with the run's optimiser, through a {@link Trainer} (forward, loss,
 * backward, the finiteness check, the optimiser step, the metrics, and the no-grad validation pass) on
 * random data. The samples are small (flat features cut to {@value #FEATURES}, images to at most
 * {@value #IMAGE_SIDE} x {@value #IMAGE_SIDE}) and the batches hold {@value #BATCH} rows (one 8-row
 * GEMM tile and a one-row tail), so that the steps the interpreter runs before C2 has compiled them
 * are cheap; each round also runs every GEMM tile and the pool splits once ({@link GemmTiles}), which
 * the real shapes reach through the thread split. After {@value #SMALL_ROUNDS} rounds, every
 * {@value #FULL_SIZE_EVERY}th round runs at the run's own sample shape and batch size, and every round
 * runs on a new thread: C2 compiles a branch that its profile never saw taken as a trap back to the
 * interpreter, so without these the first real steps (real sizes, a thread with no per-thread state
 * yet) would send the compiled step back to slow code until C2 had compiled it again. Vector API
 * code runs very slowly, and allocates, until C2 has compiled it; without this, that happens during
 * the first epoch.
 *
 * <p>The warm-up shares nothing with the caller: its own models, optimisers, data and random numbers
 * (a kernel call that finds the pool busy runs on the warm-up's thread). It runs rounds until it is
 * stopped, or for at most {@link #LIMIT_NANOS}: the JIT compiles a method once its call counts pass a
 * threshold, so rounds go on as long as the data load lasts. {@link #finish(long)} waits, for a
 * bounded time, until {@value #ROUNDS} rounds are done and then stops it; {@link #close()} stops it at
 * the next step. Without the Vector API kernels in use there is nothing worth warming up and no
 * thread is started.
 */
public final class KernelWarmup implements AutoCloseable {
    /** Builds a fresh model of the run's architecture for samples of {@code sampleShape} and {@code classes} classes. */
    @FunctionalInterface
    public interface ModelFactory {
        /**
         * A new model; may throw {@link IllegalArgumentException} when the architecture does not fit the shape.
         *
         * @param sampleShape the shape of one sample: [features] or [C, H, W]
         * @param classes the number of classes
         * @param rng the generator of the initial weights
         * @return the model
         */
        Sequential build(int[] sampleShape, int classes, Rng rng);
    }

    /** The longest a warm-up runs, in nanoseconds (a data load on a busy machine can take 10 s and more). */
    public static final long LIMIT_NANOS = 30_000_000_000L;
    /** The rounds (a new model trained for one epoch of three steps, then validated) that {@link #finish} waits for. */
    static final int ROUNDS = 400;
    /** Rows per batch: an 8-row GEMM tile and a one-row tail. */
    static final int BATCH = 9;
    /** Flat samples are cut to this many features. */
    static final int FEATURES = 25;
    /** Images are cut to at most this height and width. */
    static final int IMAGE_SIDE = 12;
    /** Rounds on the small shapes before the first full-size round (by then the kernels are compiled). */
    static final int SMALL_ROUNDS = 100;
    /** After {@link #SMALL_ROUNDS}, every this many rounds one is full size. */
    static final int FULL_SIZE_EVERY = 4;
    /** Full-size rounds are left out when their data would exceed this many values (32 MiB of float32). */
    static final long FULL_SIZE_MAX_VALUES = 8L << 20;

    private final Thread thread;
    private final int[] sampleShape;
    private final int classes;
    private final int batchSize;
    private final ModelFactory models;
    private final Function<List<Tensor>, Optimizer> optimizers;
    private final int roundsToFinish;
    private final Object progress = new Object();
    private volatile boolean stop;
    private volatile int rounds;
    private volatile boolean ended;
    private volatile RuntimeException failure;

    private KernelWarmup(int[] sampleShape, int classes, int batchSize, ModelFactory models,
                         Function<List<Tensor>, Optimizer> optimizers, int roundsToFinish, boolean run) {
        this.sampleShape = sampleShape;
        this.classes = classes;
        this.batchSize = batchSize;
        this.models = models;
        this.optimizers = optimizers;
        this.roundsToFinish = roundsToFinish;
        this.thread = run ? new Thread(this::run, "backprop4j-kernel-warmup") : null;
    }

    /**
     * Starts a warm-up thread when the Vector API kernels are in use.
     *
     * @param sampleShape the shape of the run's samples, [features] or [C, H, W] (cut down for the warm-up)
     * @param classes the run's number of classes (a guess where it is not known yet)
     * @param batchSize the run's batch size (of the full-size rounds)
     * @param models builds the run's architecture for a given sample shape
     * @param optimizers builds the run's optimiser, with its hyper-parameters, over given parameters
     * @return the warm-up, to finish or close before the first real step
     */
    public static KernelWarmup start(int[] sampleShape, int classes, int batchSize, ModelFactory models,
                                     Function<List<Tensor>, Optimizer> optimizers) {
        return start(sampleShape, classes, batchSize, models, optimizers, ROUNDS, "vector".equals(Kernels.implementation()));
    }

    /** {@link #start(int[], int, int, ModelFactory, Function)} whose {@link #finish} waits for {@code roundsToFinish} rounds, with a thread only when {@code run}. */
    static KernelWarmup start(int[] sampleShape, int classes, int batchSize, ModelFactory models,
                              Function<List<Tensor>, Optimizer> optimizers, int roundsToFinish, boolean run) {
        if (sampleShape.length == 0 || Arrays.stream(sampleShape).anyMatch(d -> d < 1) || classes < 1 || batchSize < 1) {
            throw new IllegalArgumentException("warm-up needs a sample shape of positive sizes, classes >= 1 and a batch size >= 1, got "
                    + Arrays.toString(sampleShape) + ", " + classes + " and " + batchSize);
        }
        KernelWarmup w = new KernelWarmup(sampleShape.clone(), classes, batchSize, Objects.requireNonNull(models),
                Objects.requireNonNull(optimizers), roundsToFinish, run);
        if (w.thread != null) {
            w.thread.setDaemon(true);
            w.thread.start();
        }
        return w;
    }

    /** True while the warm-up thread runs. */
    boolean running() {
        return thread != null && thread.isAlive();
    }

    /** The rounds finished so far. */
    int rounds() {
        return rounds;
    }

    /** What ended the warm-up early, or null (it never fails the run: the step then compiles during training). */
    RuntimeException failure() {
        return failure;
    }

    private void run() {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        try {
            Rng rng = new Rng(0);
            Round small = new Round(smallShape(rng), BATCH, rng);
            Round full = null;
            boolean fits = true;
            for (int r = 0; !stop && System.nanoTime() < deadline; r++) {
                if (fits && full == null && fullSize(r)) {
                    fits = fullSizeFits(rng);
                    full = fits ? new Round(sampleShape, batchSize, rng) : null;
                }
                Round round = full != null && fullSize(r) ? full : small;
                onFreshThread(() -> round.run(rng));
                synchronized (progress) {
                    rounds = r + 1;
                    progress.notifyAll();
                }
            }
        } catch (TrainingInterruptedException e) {
            // stopped by close()
        } catch (RuntimeException e) {
            failure = e; // a warm-up never fails a run: whatever did not compile here compiles during training
        } finally {
            synchronized (progress) {
                ended = true;
                progress.notifyAll();
            }
        }
    }

    /**
     * Whether round {@code r} (from 0) runs at the run's own sample shape and batch size. The small rounds
     * get the kernels compiled cheaply; the full-size ones then take the branches only real sizes take
     * (a loop split over the pool, a larger scratch buffer), which C2 would otherwise compile as traps
     * back to the interpreter, so that the first real steps would run slow code while it recompiles.
     */
    static boolean fullSize(int r) {
        return r >= SMALL_ROUNDS && (r - SMALL_ROUNDS) % FULL_SIZE_EVERY == 0;
    }

    /** One round's data: training samples for two full batches and a ragged one, and a validation set of another size. */
    private final class Round {
        final int[] shape;
        final DataLoader train;
        final Dataset validation;

        Round(int[] shape, int batch, Rng rng) {
            this.shape = shape;
            int features = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            // a ragged last batch and a validation set of another size, as in a real run: the code that
            // resizes workspace arrays between them is then part of what the JIT compiles
            // training data as pixels and validation data as floats: a loader's batches are gathered from both
            // kinds of storage (Dataset.ofPixels), so both are compiled before a real run uses either
            this.train = DataLoader.builder(randomPixels(trainingSamples(batch), features, rng)).batchSize(batch).shuffle(1).build();
            this.validation = randomData(batch + 3, features, rng);
        }

        /** Every GEMM tile and a split loop, then a new model trained for one epoch and validated. */
        void run(Rng rng) {
            GemmTiles.exercise();
            // the small shapes never split an elementwise loop across the pool; the real ones do
            Parallel.forRange(2 * Kernels.threads(), 1, (from, to) -> { });
            Sequential model = models.build(shape, classes, rng);
            Trainer trainer = Trainer.builder(model, optimizers.apply(model.parameters())).epochs(1)
                    .interrupt(() -> stop).build();
            trainer.fit(train, validation);
        }
    }

    private static int trainingSamples(int batch) {
        return 2 * batch + Math.max(1, batch / 3);
    }

    /** Whether the full-size round's data stays small and the architecture fits the run's shape. */
    private boolean fullSizeFits(Rng rng) {
        long features = Arrays.stream(sampleShape).asLongStream().reduce(1, Math::multiplyExact);
        if (features * (trainingSamples(batchSize) + batchSize + 3L) > FULL_SIZE_MAX_VALUES) {
            return false;
        }
        try {
            models.build(sampleShape, classes, rng);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Runs {@code round} on a new thread and waits for it. The training thread comes to the compiled
     * code with none of the per-thread state (kernel scratch, GEMM jobs, the backward sweep) made yet:
     * run on fresh threads, the warm-up's profile has that first-use path taken, so C2 compiles it
     * instead of a trap that would send the first real step back to the interpreter.
     */
    private static void onFreshThread(Runnable round) {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                round.run();
            } catch (RuntimeException | Error e) {
                thrown[0] = e;
            }
        }, "backprop4j-kernel-warmup-round");
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thrown[0] instanceof Error e) {
            throw e;
        }
        if (thrown[0] != null) {
            throw (RuntimeException) thrown[0];
        }
    }

    /** The warm-up's sample shape: the run's, cut down, unless the architecture does not fit it. */
    private int[] smallShape(Rng rng) {
        int[] small = sampleShape.length == 1 ? new int[]{Math.min(sampleShape[0], FEATURES)} : sampleShape.clone();
        for (int i = 1; sampleShape.length > 1 && i < small.length; i++) {
            small[i] = Math.min(small[i], IMAGE_SIDE);
        }
        try {
            models.build(small, classes, rng);
            return small;
        } catch (IllegalArgumentException e) {
            return sampleShape; // such as a convolution that needs the full image
        }
    }

    private Dataset randomData(int samples, int features, Rng rng) {
        float[] x = new float[samples * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return new Dataset(x, features, labels(samples), classes);
    }

    private Dataset randomPixels(int samples, int features, Rng rng) {
        byte[] x = new byte[samples * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) rng.nextInt(256);
        }
        return Dataset.ofPixels(x, 255f, features, labels(samples), classes, null, null);
    }

    private int[] labels(int samples) {
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    /**
     * Waits, for at most {@code maxMillis}, until the warm-up has done its {@value #ROUNDS} rounds (or
     * ended), then stops it at the end of the step it is in and waits for its thread.
     *
     * @param maxMillis the longest wait for the rounds, in milliseconds (0: stop now)
     * @return the seconds the caller waited, stopping included (a run's whole-run figures count them)
     */
    public double finish(long maxMillis) {
        long start = System.nanoTime();
        long until = start + maxMillis * 1_000_000L;
        synchronized (progress) {
            try {
                for (long left = maxMillis; thread != null && !ended && rounds < roundsToFinish && left > 0;
                     left = (until - System.nanoTime()) / 1_000_000L) {
                    progress.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Stops the warm-up and waits for its thread to finish the step it is in. */
    @Override
    public void close() {
        stop = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
