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
 * One whole training step of the workload (MLP 784-256 ReLU -10, softmax cross-entropy, plain SGD
 * lr 0.1, batch 128, float32) on a fixed random batch: zero grads, forward, loss, backward inside a
 * {@link Workspace} step, SGD update. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the
 * number of bytes allocated per step.
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

    /** Batch size. */
    @Param({"128"})
    public int batch;

    private Sequential model;
    private SGD sgd;
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
        sgd = SGD.builder(model.parameters()).lr(0.1).build();
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
    }

    /** One SGD step; returns the loss. */
    @Benchmark
    public double step() {
        sgd.zeroGrad();
        double loss;
        try (Workspace ws = workspace.begin()) {
            Tensor l = ce.apply(model.forward(x), y);
            l.backward();
            loss = l.item();
        }
        sgd.step();
        return loss;
    }
}
