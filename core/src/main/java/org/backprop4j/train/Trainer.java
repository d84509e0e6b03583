package org.backprop4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.data.Batch;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.optim.GradClip;
import org.backprop4j.optim.LrSchedule;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * The minibatch training loop for a classifier: for each batch, forward, cross-entropy, backward,
 * optional gradient clipping, optimiser step; after each epoch, evaluation on validation data and a
 * report to the listeners.
 *
 * <p>Each step checks that the loss, every gradient and every parameter are finite before the
 * optimiser steps. At the first NaN or infinity the {@link NanPolicy} decides: {@code STOP} (the
 * default) throws a {@link NonFiniteException} naming the epoch, step and parameter, without taking
 * the step; {@code SKIP_BATCH} drops the batch. An {@linkplain Builder#interrupt interrupt flag} stops
 * training at the next step boundary.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, optimizer).epochs(20).listener(printer).build();
 * List<EpochResult> history = trainer.fit(trainLoader, validation);
 * Evaluation test = trainer.evaluate(testSet);
 * }</pre>
 */
public final class Trainer {
    private static final int EVAL_BATCH = 1024;

    private final Module model;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss;
    private final int epochs;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final List<TrainingListener> listeners;
    private final Workspace workspace = new Workspace();
    private final NanPolicy onNan;
    private final java.util.function.BooleanSupplier interrupt;

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
    }

    /** A builder for a trainer of {@code model} by {@code optimizer}. */
    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** The optimiser that updates the model. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The training loss. */
    public CrossEntropyLoss loss() {
        return loss;
    }

    /** The number of epochs of a full run. */
    public int epochs() {
        return epochs;
    }

    /** The learning-rate schedule evaluated at the start of each epoch, or null for none. */
    public LrSchedule schedule() {
        return schedule;
    }

    /** The global gradient norm clipped to before each step (0 = off). */
    public double clipGradNorm() {
        return clipNorm;
    }

    /** The progress listeners, in the order they were added (an unmodifiable list). */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** Trains for all epochs; {@code validation} may be null. Returns one result per epoch run. */
    public List<EpochResult> fit(DataLoader train, Dataset validation) {
        return fit(train, validation, 1);
    }

    /**
     * Trains epochs {@code firstEpoch..epochs} (1-based), so that a resumed run continues where a
     * checkpoint stopped; {@code validation} may be null.
     */
    public List<EpochResult> fit(DataLoader train, Dataset validation, int firstEpoch) {
        List<EpochResult> history = new ArrayList<>();
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            EpochResult r = runEpoch(epoch, train, validation);
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
        return history;
    }

    private EpochResult runEpoch(int epoch, DataLoader train, Dataset validation) {
        if (schedule != null) {
            optimizer.setLr(schedule.lr(epoch - 1));
        }
        int samples = train.numBatches() == 0 ? 0 : train.dataset().size();
        for (TrainingListener l : listeners) {
            l.onEpochStart(epoch, epochs, samples);
        }
        model.train();
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        int step = 0;
        Map<String, Tensor> named = model.namedParameters();
        for (Batch batch : train) {
            optimizer.zeroGrad();
            step++;
            Tensor logits;
            double batchLoss;
            String problem;
            // the step's activations and gradients reuse the previous step's arrays
            try (Workspace ws = workspace.begin()) {
                logits = model.forward(batch.x());
                Tensor l = loss.apply(logits, batch.y());
                batchLoss = l.item();
                problem = NonFiniteCheck.loss(batchLoss);
                if (problem == null) {
                    l.backward();
                    problem = NonFiniteCheck.gradients(named);
                }
            }
            if (problem != null) {
                optimizer.zeroGrad();
                if (onNan == NanPolicy.STOP) {
                    throw new NonFiniteException(epoch, step, problem);
                }
                for (TrainingListener listener : listeners) {
                    listener.onBatchSkipped(epoch, step, problem);
                }
                interruptIfAsked(epoch, step);
                continue;
            }
            if (clipNorm > 0) {
                GradClip.clipGradNorm(optimizer.params(), clipNorm);
            }
            optimizer.step();
            int batchCorrect = Metrics.correct(batch.y(), logits.argmax(1));
            lossSum += batchLoss * batch.size();
            correct += batchCorrect;
            seen += batch.size();
            for (TrainingListener listener : listeners) {
                listener.onBatchEnd(epoch, step, batch.size(), batchLoss, batchCorrect);
            }
            interruptIfAsked(epoch, step);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double valLoss = Double.NaN;
        double valAcc = Double.NaN;
        if (validation != null && validation.size() > 0) {
            Evaluation e = evaluate(validation);
            valLoss = e.loss();
            valAcc = e.accuracy();
        }
        return new EpochResult(epoch, lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen), valLoss, valAcc,
                seconds, seen / Math.max(seconds, 1e-9), optimizer.lr());
    }

    /** When an interrupt was requested: tells the listeners, then throws {@link TrainingInterruptedException}. */
    private void interruptIfAsked(int epoch, int step) {
        if (!interrupt.getAsBoolean()) {
            return;
        }
        for (TrainingListener listener : listeners) {
            listener.onInterrupt(epoch, step);
        }
        throw new TrainingInterruptedException(epoch, step);
    }

    /** Loss (the trainer's loss with mean reduction), accuracy, predictions and probabilities on a data set. */
    public Evaluation evaluate(Dataset data) {
        return evaluate(model, data, loss);
    }

    /** Evaluates {@code model} on {@code data} in eval mode without recording gradients. */
    public static Evaluation evaluate(Module model, Dataset data, CrossEntropyLoss loss) {
        boolean wasTraining = model.isTraining();
        model.eval();
        CrossEntropyLoss summed = CrossEntropyLoss.builder().reduction(Reduction.SUM)
                .labelSmoothing(loss.labelSmoothing()).ignoreIndex(loss.ignoreIndex()).build();
        int n = data.size();
        int k = data.numClasses();
        int[] predictions = new int[n];
        double[] probabilities = new double[n * k];
        double total = 0;
        int offset = 0;
        try (var g = Grad.disabled()) {
            for (Batch batch : new DataLoader(data, EVAL_BATCH)) {
                Tensor logits = model.forward(batch.x());
                if (logits.rank() != 2 || logits.dim(1) != k) {
                    throw new IllegalArgumentException("the model gives outputs of shape "
                            + java.util.Arrays.toString(logits.shape()) + " but the data has " + k + " classes");
                }
                total += summed.apply(logits, batch.y()).item();
                System.arraycopy(logits.argmax(1), 0, predictions, offset, batch.size());
                double[] p = logits.softmax(1).toDoubleArray();
                System.arraycopy(p, 0, probabilities, offset * k, p.length);
                offset += batch.size();
            }
        } finally {
            model.train(wasTraining);
        }
        int[] labels = data.labels();
        return new Evaluation(total / Math.max(1, n), Metrics.accuracy(labels, predictions), predictions, labels,
                probabilities, k);
    }

    /** Options of a {@link Trainer}; every setter returns the builder. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private CrossEntropyLoss loss = new CrossEntropyLoss();
        private int epochs = 10;
        private LrSchedule schedule;
        private double clipNorm;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private NanPolicy onNan = NanPolicy.STOP;
        private java.util.function.BooleanSupplier interrupt = () -> false;

        private Builder(Module model, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** The loss (default: mean cross-entropy). */
        public Builder loss(CrossEntropyLoss l) {
            this.loss = Objects.requireNonNull(l, "loss");
            return this;
        }

        /** Number of epochs (default 10). */
        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** A learning-rate schedule evaluated at the start of each epoch (t = epoch - 1). */
        public Builder schedule(LrSchedule s) {
            this.schedule = s;
            return this;
        }

        /** Clips the global gradient norm to this value before each step (0 = off). */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("clip norm must be >= 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Adds a progress listener. */
        public Builder listener(TrainingListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** What to do when the loss or a gradient is NaN or infinite (default {@link NanPolicy#STOP}). */
        public Builder onNan(NanPolicy policy) {
            this.onNan = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * A flag asked after every step (e.g. set by a Ctrl-C handler): when it is true, the listeners
         * hear {@link TrainingListener#onInterrupt} at that step boundary and {@code fit} throws a
         * {@link TrainingInterruptedException}.
         */
        public Builder interrupt(java.util.function.BooleanSupplier flag) {
            this.interrupt = Objects.requireNonNull(flag, "flag");
            return this;
        }

        /** The configured trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
