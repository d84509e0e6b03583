package org.backprop4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;
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
 * One whole training step of the workload (MLP 784-256 ReLU -10, softmax cross-entropy, batch 128,
 * float32; plain SGD lr 0.1 or Adam lr 1e-3) on a fixed random batch: zero grads, forward, loss,
 * backward inside a {@link Workspace} step, optimiser update ({@link #step}); and the optimiser
 * update alone on the gradients of one step ({@link #update}), to set its cost against the step's; the
 * same two with the trainer's checked update ({@link #stepChecked}, {@link #updateChecked}): what the
 * NaN/Inf check costs.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the number of bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 9, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx512m"})
public class TrainStepBench {
    /** Kernel threads. */
    @Param({"1", "2"})
    public int threads;

    /** Kernel set: vector or plain. */
    @Param({"vector"})
    public String kernels;

    /** Optimiser: sgd (lr 0.1) or adam (lr 1e-3, the train command's default). */
    @Param({"sgd", "adam"})
    public String optimizer;

    /** Batch size. */
    @Param({"128"})
    public int batch;

    private Sequential model;
    private Optimizer opt;
    private CrossEntropyLoss ce;
    private Tensor x;
    private int[] y;
    private final Workspace workspace = new Workspace();

    /** Builds the model and a random batch. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.use(kernels);
        Kernels.setThreads(threads);
        model = Mlp.of(784, new int[]{256}, 10, "relu", 0, new Rng(1), DType.FLOAT32);
        opt = optimizer.equals("adam") ? Adam.builder(model.parameters()).lr(1e-3).build()
                : SGD.builder(model.parameters()).lr(0.1).build();
        ce = new CrossEntropyLoss();
        SplittableRandom r = new SplittableRandom(2);
        float[] xs = new float[batch * 784];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) r.nextDouble();
        }
        x = Tensor.wrap(NDArray.wrap(xs, batch, 784));
        y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(10);
        }
        step(); // gradients for update()
    }

    /** One training step; returns the loss. */
    @Benchmark
    public double step() {
        opt.zeroGrad();
        double loss;
        try (Workspace ws = workspace.begin()) {
            Tensor l = ce.apply(model.forward(x), y);
            l.backward();
            loss = l.item();
        }
        opt.step();
        return loss;
    }

    /** The optimiser update alone (the gradients of the last step stay in place). */
    @Benchmark
    public void update() {
        opt.step();
    }

    /** The trainer's checked update alone: the NaN/Inf check riding on the update, the overwritten values kept. */
    @Benchmark
    public Object updateChecked() {
        return opt.stepIfFinite();
    }

    /** One training step as the trainer takes it: the update checked ({@link Optimizer#stepIfFinite()}). */
    @Benchmark
    public double stepChecked() {
        opt.zeroGrad();
        double loss;
        try (Workspace ws = workspace.begin()) {
            Tensor l = ce.apply(model.forward(x), y);
            l.backward();
            loss = l.item();
        }
        if (opt.stepIfFinite() != null) {
            throw new IllegalStateException("non-finite step");
        }
        return loss;
    }
}
