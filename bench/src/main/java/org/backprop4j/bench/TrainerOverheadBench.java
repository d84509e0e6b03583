package org.backprop4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.data.Batch;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@link Trainer} over a bare step (issue 13.1: at most 10 %): one epoch of
 * {@link #STEPS} steps of the workload MLP (784-256 ReLU -10, batch 128, float32) on random data,
 * through {@code Trainer.fit} ({@link #trainer}) and through a hand-written loop over the same
 * shuffled {@link DataLoader} with the same optimiser ({@link #handLoop}). Score: ms per epoch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 9, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx512m"})
public class TrainerOverheadBench {
    /** Steps per epoch. */
    static final int STEPS = 50;
    private static final int BATCH = 128;

    /** Kernel threads. */
    @Param({"1", "2"})
    public int threads;

    /** Optimiser: sgd (lr 0.1) or adam (lr 1e-3). */
    @Param({"sgd", "adam"})
    public String optimizer;

    private Sequential model;
    private Optimizer opt;
    private Trainer trainer;
    private DataLoader loader;
    private final CrossEntropyLoss ce = new CrossEntropyLoss();
    private final Workspace workspace = new Workspace();

    /** Builds the model, the optimiser, the trainer (one epoch, no schedule, no validation) and the data. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.setThreads(threads);
        model = Mlp.of(784, new int[]{256}, 10, "relu", 0, new Rng(1), DType.FLOAT32);
        opt = optimizer.equals("adam") ? Adam.builder(model.parameters()).lr(1e-3).build()
                : SGD.builder(model.parameters()).lr(0.1).build();
        trainer = Trainer.builder(model, opt).loss(ce).epochs(1).build();
        SplittableRandom r = new SplittableRandom(2);
        float[] xs = new float[STEPS * BATCH * 784];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) r.nextDouble();
        }
        int[] ys = new int[STEPS * BATCH];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = r.nextInt(10);
        }
        loader = DataLoader.builder(new Dataset(xs, 784, ys, 10)).batchSize(BATCH).shuffle(3).build();
    }

    /** One epoch through the trainer (its NaN/Inf check, accuracy and listeners included). */
    @Benchmark
    public double trainer() {
        return trainer.fit(loader, null).get(0).trainLoss();
    }

    /** One epoch as a bare loop: zero grads, forward, loss, backward in a workspace step, update. */
    @Benchmark
    public double handLoop() {
        double sum = 0;
        for (Batch batch : loader) {
            opt.zeroGrad();
            try (Workspace ws = workspace.begin()) {
                Tensor l = ce.apply(model.forward(batch.x()), batch.y());
                l.backward();
                sum += l.item();
            }
            opt.step();
        }
        return sum;
    }
}
