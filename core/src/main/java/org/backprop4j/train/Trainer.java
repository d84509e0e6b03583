package org.backprop4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.optim.GradClip;
import org.backprop4j.optim.LrSchedule;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/**
 * The one minibatch training loop of a classifier, in a single process or on a cluster alike. Each
 * epoch draws its sample order from the loader; each step zeroes the gradients, has the
 * {@link StepExecutor} compute them (forward, loss, backward here; summed over workers on Spark),
 * clips them if asked and takes the optimiser step; after each epoch it evaluates the validation data
 * without a graph and reports to the listeners, which may stop training early.
 *
 * <p>Every step checks that the loss, every gradient, every parameter value and every new value of the
 * update (parameters and optimiser state) are finite; the check rides on the loss and on the optimiser's
 * own pass ({@link Optimizer#stepIfFinite()}), which undoes the step exactly when it meets a NaN or an
 * infinity. The {@link NanPolicy} then decides: {@code STOP} (the default) throws a
 * {@link NonFiniteException} naming the epoch, step and parameter, with the parameters and optimiser
 * state as before that step; {@code SKIP_BATCH} drops the batch. Parameters that are not finite when
 * {@code fit} starts (a loaded model) are refused up front. An {@linkplain Builder#interrupt interrupt flag} stops training
 * at the next step boundary with a {@link TrainingInterruptedException} that carries the
 * {@link TrainingPosition}; {@link #fit(DataLoader, Dataset, TrainingPosition)} from that position
 * (with the model, optimiser and generators as they were) continues bit-identically, in the middle
 * of an epoch too.
 *
 * <p>The training and validation losses use the one {@link Loss} the trainer is built with (weights,
 * smoothing and ignored labels included); an epoch's loss is PyTorch's mean over all its batches:
 * the weighted loss sum divided by the total weight of the counted targets.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, optimizer).epochs(20).listener(printer).build();
 * List<EpochResult> history = trainer.fit(trainLoader, validation);
 * Evaluation test = trainer.evaluate(testSet);
 * }</pre>
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final int epochs;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final List<TrainingListener> listeners;
    private final NanPolicy onNan;
    private final BooleanSupplier interrupt;
    private final StepExecutor executor;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.epochs = b.epochs;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.listeners = List.copyOf(b.listeners);
        this.onNan = b.onNan;
        this.interrupt = b.interrupt;
        this.executor = b.executor != null ? b.executor : new LocalSteps();
    }

    /**
     * A builder for a trainer of {@code model} by {@code optimizer}.
     *
     * @param model the network to train
     * @param optimizer the optimiser over the model's parameters
     * @return a builder
     */
    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /**
     * The model being trained.
     *
     * @return the model
     */
    public Module model() {
        return model;
    }

    /**
     * The optimiser that updates the model.
     *
     * @return the optimiser
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The loss, used for training and evaluation alike.
     *
     * @return the loss
     */
    public Loss loss() {
        return loss;
    }

    /**
     * The number of epochs of a full run.
     *
     * @return the epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * The global gradient norm clipped to before each step (0 = off).
     *
     * @return the maximum gradient norm, or 0
     */
    public double clipGradNorm() {
        return clipNorm;
    }

    /**
     * Trains for all epochs; {@code validation} may be null. Returns one result per epoch run.
     *
     * @param train the batches of the training data
     * @param validation the data evaluated after each epoch, or null
     * @return the epochs' results, in order
     * @throws NonFiniteException when a loss or gradient is not finite under {@link NanPolicy#STOP}
     * @throws TrainingInterruptedException when the {@link Builder#interrupt} flag is raised
     */
    public List<EpochResult> fit(DataLoader train, Dataset validation) {
        return fit(train, validation, TrainingPosition.startOf(1));
    }

    /**
     * Trains epochs {@code firstEpoch..epochs} (1-based), so that a run checkpointed at the end of an
     * epoch continues where it stopped; {@code validation} may be null.
     *
     * @param train the batches of the training data
     * @param validation the data evaluated after each epoch, or null
     * @param firstEpoch the first epoch to run, from 1
     * @return the epochs' results, in order
     * @throws NonFiniteException when a loss or gradient is not finite under {@link NanPolicy#STOP}
     * @throws TrainingInterruptedException when the {@link Builder#interrupt} flag is raised
     */
    public List<EpochResult> fit(DataLoader train, Dataset validation, int firstEpoch) {
        return fit(train, validation, TrainingPosition.startOf(firstEpoch));
    }

    /**
     * Continues a run from {@code from}, such as the position of a {@link TrainingInterruptedException}:
     * the rest of that epoch (its sample order drawn again from the saved generator state), then the
     * following epochs. Returns one result per epoch finished.
     *
     * @param train the batches of the training data (the same data and batch size as the interrupted run)
     * @param validation the data evaluated after each epoch, or null
     * @param from where the run stopped
     * @return the results of the epochs finished, in order
     * @throws NonFiniteException when a loss or gradient is not finite under {@link NanPolicy#STOP}
     * @throws TrainingInterruptedException when the {@link Builder#interrupt} flag is raised
     */
    public List<EpochResult> fit(DataLoader train, Dataset validation, TrainingPosition from) {
        return fit(train, validation == null ? null : EvaluationSet.of(validation), from);
    }

    /**
     * Continues a run from {@code from} as {@link #fit(DataLoader, Dataset, TrainingPosition)} does,
     * with validation data that may be held elsewhere (such as a Spark backend's table), or null.
     */
    public List<EpochResult> fit(DataLoader train, EvaluationSet validation, TrainingPosition from) {
        String loaded = NonFiniteCheck.values(model.namedParameters());
        if (loaded != null) {
            throw new IllegalArgumentException("can't train: " + loaded);
        }
        List<EpochResult> history = new ArrayList<>();
        executor.open(this, train);
        try {
            for (int epoch = from.epoch(); epoch <= epochs; epoch++) {
                EpochResult r = runEpoch(train, validation, epoch == from.epoch() ? from : TrainingPosition.startOf(epoch));
                history.add(r);
                boolean stop = false;
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(r);
                    stop |= l.shouldStop();
                }
                if (stop) {
                    break;
                }
            }
        } finally {
            executor.close();
        }
        return history;
    }

    private EpochResult runEpoch(DataLoader train, EvaluationSet validation, TrainingPosition at) {
        int epoch = at.epoch();
        if (schedule != null) {
            optimizer.setLr(schedule.lr(epoch - 1));
        }
        int samples = train.numBatches() == 0 ? 0 : train.size();
        for (TrainingListener l : listeners) {
            l.onEpochStart(epoch, epochs, samples);
        }
        model.train();
        Rng rng = train.rng().orElse(null);
        long[] current = rng == null ? null : rng.state();
        long[] before = current;
        int[] order;
        if (rng != null && !at.atEpochStart() && at.loaderState() != null) {
            // resuming mid-epoch: draw the interrupted epoch's order again, then go on from the generator's saved state
            before = at.loaderState();
            rng.setState(before);
            order = train.epochOrder();
            rng.setState(current);
        } else {
            order = train.epochOrder();
        }
        EpochTally tally = new EpochTally(at);
        long start = System.nanoTime();
        int end = train.samplesPerEpoch();
        int bs = train.batchSize();
        int perRound = executor.batchesPerRound();
        long firstStepOfEpoch = (long) (epoch - 1) * train.numBatches();
        int step = at.step();
        Map<String, Tensor> named = model.namedParameters();
        while ((long) step * bs < end) {
            int batches = Math.min(perRound, (int) ((end - (long) step * bs + bs - 1) / bs));
            int[][] round = new int[batches][];
            for (int k = 0; k < batches; k++) {
                int from = (step + k) * bs;
                round[k] = Arrays.copyOfRange(order, from, Math.min(end, from + bs));
            }
            long global = firstStepOfEpoch + step + 1;
            if (perRound == 1) {
                optimizer.zeroGrad();
                StepFigures f = executor.gradients(round[0], global);
                step++;
                // the check rides on the loss value and on the optimiser's own pass (no scan of its own)
                String problem = NonFiniteCheck.loss(f.loss());
                if (problem == null) {
                    if (clipNorm > 0) {
                        GradClip.clipGradNorm(optimizer.params(), clipNorm); // a non-finite norm leaves the gradients as they are
                    }
                    problem = NonFiniteCheck.describe(optimizer.stepIfFinite(), optimizer.params(), named);
                }
                if (problem != null) {
                    optimizer.zeroGrad();
                    skip(epoch, step, problem);
                } else {
                    taken(epoch, step, f, tally);
                }
            } else {
                RoundFigures r = executor.round(round, global); // checked on its own passes
                for (StepFigures f : r.steps()) {
                    step++;
                    if (r.problem() != null) {
                        skip(epoch, step, r.problem());
                    } else {
                        taken(epoch, step, f, tally);
                    }
                }
            }
            if (interrupt.getAsBoolean()) {
                interrupt(new TrainingPosition(epoch, step, before, tally.lossSum, tally.denominator, tally.correct,
                        tally.seen, tally.seconds + (System.nanoTime() - start) / 1e9));
            }
        }
        double seconds = tally.seconds + (System.nanoTime() - start) / 1e9;
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        long valStart = System.nanoTime();
        if (validation != null && validation.size() > 0) {
            EvaluationSummary e = validation.evaluate(model, loss);
            valLoss = e.loss();
            valAcc = e.accuracy();
        }
        return new EpochResult(epoch, tally.denominator > 0 ? tally.lossSum / tally.denominator : 0,
                (double) tally.correct / Math.max(1, tally.seen), valLoss, valAcc, seconds,
                tally.seen / Math.max(seconds, 1e-9), optimizer.lr(), (System.nanoTime() - valStart) / 1e9);
    }

    /** A step whose figures count: adds them up and tells the listeners. */
    private void taken(int epoch, int step, StepFigures f, EpochTally tally) {
        tally.lossSum += loss.sumOf(f.loss(), f.denominator());
        tally.denominator += f.denominator();
        tally.correct += f.correct();
        tally.seen += f.size();
        for (TrainingListener listener : listeners) {
            listener.onBatchEnd(epoch, step, f.size(), f.loss(), f.correct());
        }
    }

    /** A step with a NaN or infinity: stops training or tells the listeners it was skipped, as the policy says. */
    private void skip(int epoch, int step, String problem) {
        if (onNan == NanPolicy.STOP) {
            throw new NonFiniteException(epoch, step, problem);
        }
        for (TrainingListener listener : listeners) {
            listener.onBatchSkipped(epoch, step, problem);
        }
    }

    /** Tells the listeners that training stops at {@code at}, then throws {@link TrainingInterruptedException}. */
    private void interrupt(TrainingPosition at) {
        for (TrainingListener listener : listeners) {
            listener.onInterrupt(at);
        }
        throw new TrainingInterruptedException(at);
    }

    /** The figures of an epoch so far. */
    private static final class EpochTally {
        double lossSum;
        double denominator;
        long correct;
        long seen;
        final double seconds;

        EpochTally(TrainingPosition at) {
            lossSum = at.lossSum();
            denominator = at.denominator();
            correct = at.correct();
            seen = at.seen();
            seconds = at.seconds();
        }
    }

    /**
     * Loss (the trainer's loss, PyTorch's mean), accuracy, predictions and probabilities on a data set.
     *
     * @param data the labelled samples
     * @return the loss, accuracy, predictions and probabilities
     */
    public Evaluation evaluate(Dataset data) {
        return evaluate(model, data, loss);
    }

    /**
     * Evaluates {@code model} on {@code data} in eval mode without recording a graph, in large
     * batches: predictions, softmax probabilities, accuracy and the mean of {@code loss} in one pass.
     *
     * @param model the network (its training mode is restored afterwards)
     * @param data the labelled samples
     * @param loss the loss to average
     * @return the loss, accuracy, predictions and probabilities
     */
    public static Evaluation evaluate(Module model, Dataset data, Loss loss) {
        return new NoGradEvaluation().run(model, data, loss);
    }

    /** Options of a {@link Trainer}; every setter returns the builder. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private Loss loss = new CrossEntropyLoss();
        private int epochs = 10;
        private LrSchedule schedule;
        private double clipNorm;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private NanPolicy onNan = NanPolicy.STOP;
        private BooleanSupplier interrupt = () -> false;
        private StepExecutor executor;

        private Builder(Module model, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /**
         * The loss of training and evaluation (default: mean cross-entropy); it must be reduced (MEAN or SUM).
         *
         * @param l the loss
         * @return this builder
         * @throws IllegalArgumentException when the loss is not reduced
         */
        public Builder loss(Loss l) {
            Objects.requireNonNull(l, "loss");
            if (l.reduction() == Reduction.NONE) {
                throw new IllegalArgumentException("the training loss must be reduced (MEAN or SUM), not NONE");
            }
            this.loss = l;
            return this;
        }

        /**
         * Number of epochs (default 10).
         *
         * @param n the number of epochs, at least 1
         * @return this builder
         */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /**
         * A learning-rate schedule evaluated at the start of each epoch (t = epoch - 1).
         *
         * @param s the schedule
         * @return this builder
         */
        public Builder schedule(LrSchedule s) {
            this.schedule = s;
            return this;
        }

        /**
         * Clips the global gradient norm to this value before each step (0 = off).
         *
         * @param maxNorm the maximum norm, &gt;= 0
         * @return this builder
         */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("clip norm must be >= 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Adds a progress listener.
         *
         * @param l the listener
         * @return this builder
         */
        public Builder listener(TrainingListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * What to do when the loss or a gradient is NaN or infinite (default {@link NanPolicy#STOP}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder onNan(NanPolicy policy) {
            this.onNan = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * A flag asked after every step (e.g. set by a Ctrl-C handler): when it is true, the listeners
         * hear {@link TrainingListener#onInterrupt} at that step boundary and {@code fit} throws a
         * {@link TrainingInterruptedException}.
         *
         * @param flag the flag
         * @return this builder
         */
        public Builder interrupt(BooleanSupplier flag) {
            this.interrupt = Objects.requireNonNull(flag, "flag");
            return this;
        }

        /**
         * How each step's gradients are computed (default: in this process), e.g. the Spark backend's executor.
         *
         * @param e the executor
         * @return this builder
         */
        public Builder executor(StepExecutor e) {
            this.executor = Objects.requireNonNull(e, "executor");
            return this;
        }

        /**
         * The configured trainer.
         *
         * @return a new trainer
         */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
