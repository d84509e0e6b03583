package org.backprop4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.kernel.Gemm;
import org.backprop4j.kernel.Kernels;
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
 * The float32 GEMM shapes of the MLP workload (the shapes of docs/gemm-study.md): fwd
 * [128x784]·[784x256]; wgrad [784x128]·[128x256] with A stored [128x784] and read transposed;
 * igrad [128x256]·[256x784] with B stored [784x256] and read transposed; head [128x256]·[256x10].
 * GFLOP/s = 2mnk / (µs per op) / 1000: fwd, wgrad, igrad 51.38 MFLOP; head 0.655 MFLOP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 9, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx512m"})
public class GemmBench {
    /** Workload shape: fwd, wgrad (Aᵀ), igrad (Bᵀ) or head. */
    @Param({"fwd", "wgrad", "igrad", "head"})
    public String shape;

    /** Kernel threads. */
    @Param({"1", "2"})
    public int threads;

    /** Kernel set: vector or plain. */
    @Param({"vector"})
    public String kernels;

    private int m;
    private int n;
    private int k;
    private boolean ta;
    private boolean tb;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Floating-point operations of one call, 2mnk. */
    public long flops;

    /** Allocates the operands and configures the kernels. */
    @Setup(Level.Trial)
    public void setUp() {
        Kernels.use(kernels);
        Kernels.setThreads(threads);
        switch (shape) {
            case "fwd": m = 128; n = 256; k = 784; break;
            case "wgrad": m = 784; n = 256; k = 128; ta = true; break;
            case "igrad": m = 128; n = 784; k = 256; tb = true; break;
            case "head": m = 128; n = 10; k = 256; break;
            default: throw new IllegalArgumentException(shape);
        }
        SplittableRandom r = new SplittableRandom(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        flops = 2L * m * n * k;
    }

    /** One GEMM call. */
    @Benchmark
    public float[] gemm() {
        Gemm.gemm(ta, tb, m, n, k, a, 0, b, 0, c, 0, false);
        return c;
    }
}
