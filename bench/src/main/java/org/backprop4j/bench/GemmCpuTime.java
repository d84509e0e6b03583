package org.backprop4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.kernel.Gemm;
import org.backprop4j.kernel.Kernels;

/**
 * Float32 GEMM calls of the MLP timed by the calling thread's CPU time (for a loaded machine, like
 * {@link ConvCpuTime}): for each shape, 3 s of warm-up, then the best and the median of 21 rounds of
 * 20 calls, printed as {@code shape best-µs median-µs}. One kernel thread. Shapes (m x n x k, op):
 * linear.fwd 128x256x784 B^T (the hidden layer's forward pass, y = x·W^T), head.fwd 128x10x256 B^T,
 * igrad 128x784x256 B^T, fwd 128x256x784. Arguments: the kernel set, then shapes (default: all).
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.backprop4j.bench.GemmCpuTime vector
 * }</pre>
 */
public final class GemmCpuTime {
    private static final List<String> SHAPES = List.of("linear.fwd", "head.fwd", "igrad", "fwd");

    private GemmCpuTime() {
    }

    /** Prints the CPU microseconds per call of each shape. */
    public static void main(String[] args) {
        String kernels = args.length > 0 ? args[0] : "vector";
        List<String> shapes = args.length > 1 ? List.of(args).subList(1, args.length) : SHAPES;
        Kernels.use(kernels);
        Kernels.setThreads(1);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String shape : shapes) {
            int m = 128;
            int n;
            int k;
            boolean tb = true;
            switch (shape) {
                case "linear.fwd": n = 256; k = 784; break;
                case "head.fwd": n = 10; k = 256; break;
                case "igrad": n = 784; k = 256; break;
                case "fwd": n = 256; k = 784; tb = false; break;
                default: throw new IllegalArgumentException(shape);
            }
            SplittableRandom r = new SplittableRandom(1);
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            float[] c = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextDouble(-1, 1);
            }
            for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
                Gemm.gemm(false, tb, m, n, k, a, 0, b, 0, c, 0, false);
            }
            double[] rounds = new double[21];
            for (int round = 0; round < rounds.length; round++) {
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < 20; i++) {
                    Gemm.gemm(false, tb, m, n, k, a, 0, b, 0, c, 0, false);
                }
                rounds[round] = (cpu.getCurrentThreadCpuTime() - start) / 20e3;
            }
            Arrays.sort(rounds);
            System.out.printf("%s %.1f %.1f%n", shape, rounds[0], rounds[rounds.length / 2]);
        }
    }
}
