package org.backprop4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.kernel.Conv2dKernels;
import org.backprop4j.kernel.Conv2dShape;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Pool2dKernels;
import org.backprop4j.kernel.Window2d;
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
 * The float32 convolution and pooling kernels of workload C (issue 12) at batch 128: conv1
 * x [128,1,28,28] by W [32,1,3,3], padding 1; conv2 x [128,32,14,14] by W [64,32,3,3], padding 1;
 * pool1 2x2 over [128,32,28,28]; pool2 2x2 over [128,64,14,14]. Each op is one call of the kernel
 * a training step makes: forward, weight gradient (wgrad), input gradient (igrad; conv1 needs none),
 * bias gradient (bgrad), weight and bias gradients in one call as a training step makes them (wbgrad),
 * max pooling with the ReLU before it fused, as in the model, forward (winners and values) and backward (from the winners). Multiply-adds x2 per call: conv1 fwd and
 * wgrad 57.8 MFLOP; conv2 fwd, wgrad and igrad 925 MFLOP (GFLOP/s = 1000 · MFLOP / µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 9, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class ConvBench {
    private static final int BATCH = 128;

    /** Kernel call: conv1.fwd, conv1.wgrad, conv1.bgrad, conv2.fwd, conv2.wgrad, conv2.igrad, pool1.fwd, ... */
    @Param({"conv1.fwd", "conv1.wgrad", "conv1.bgrad", "conv1.wbgrad", "conv2.fwd", "conv2.wgrad", "conv2.igrad", "conv2.bgrad",
        "pool1.fwd", "pool1.bwd", "pool2.fwd", "pool2.bwd"})
    public String op;

    /** Kernel threads. */
    @Param({"1", "2"})
    public int threads;

    /** Kernel set: vector or plain. */
    @Param({"vector"})
    public String kernels;

    private Conv2dShape conv;
    private Window2d pool;
    private int planes;
    private float[] x;
    private float[] w;
    private float[] b;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;
    private float[] scratch;
    private float[] where;

    /** Allocates the operands and configures the kernels. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.use(kernels);
        Kernels.setThreads(threads);
        boolean first = op.contains("1.");
        if (op.startsWith("conv")) {
            int c = first ? 1 : 32;
            int o = first ? 32 : 64;
            int side = first ? 28 : 14;
            conv = new Conv2dShape(BATCH, c, o, 1, new Window2d(side, side, 3, 3, 1, 1, 1, 1, 1, 1));
            x = random(conv.batch() * conv.inImage(), 1);
            w = random(o * conv.patch(), 2);
            b = random(o, 3);
            dy = random(conv.batch() * conv.outImage(), 4);
            y = new float[dy.length];
            dx = new float[x.length];
            dw = new float[w.length];
            scratch = new float[Conv2dKernels.scratchLength(conv)];
        } else {
            int c = first ? 32 : 64;
            int side = first ? 28 : 14;
            pool = new Window2d(side, side, 2, 2, 2, 2, 0, 0, 1, 1);
            planes = BATCH * c;
            x = random(planes * pool.inPlane(), 5);
            y = new float[planes * pool.outPlane()];
            dy = random(y.length, 6);
            dx = new float[x.length];
            where = new float[y.length];
            Pool2dKernels.maxForward(x, planes, pool, true, y, where);
        }
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }

    /** One kernel call. */
    @Benchmark
    public float[] call() {
        switch (op.substring(op.indexOf('.') + 1)) {
            case "fwd":
                if (conv != null) {
                    Conv2dKernels.forward(conv, x, w, b, y, scratch);
                } else {
                    Pool2dKernels.maxForward(x, planes, pool, true, y, where);
                }
                return y;
            case "wgrad":
                Conv2dKernels.weightGradient(conv, x, dy, dw, scratch);
                return dw;
            case "igrad":
                Conv2dKernels.inputGradient(conv, dy, w, dx, scratch);
                return dx;
            case "wbgrad":
                Conv2dKernels.weightAndBiasGradient(conv, x, dy, dw, b, scratch);
                return dw;
            case "bgrad":
                Conv2dKernels.biasGradient(conv, dy, b);
                return b;
            case "bwd":
                Pool2dKernels.maxBackward(where, dy, y, planes, pool, dx);
                return dx;
            default:
                throw new IllegalArgumentException(op);
        }
    }
}
