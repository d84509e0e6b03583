package org.backprop4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The calls of {@link ConvBench} timed by the calling thread's CPU time instead of the wall clock,
 * for a loaded machine (where JMH's scores are noise): for each op, 4 s of warm-up, then the best of
 * 15 rounds of 3 calls, printed as {@code op ms}. One kernel thread, so the calling thread does all
 * the work. Arguments: the kernel set (vector or plain), then ops (default: every conv op).
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.backprop4j.bench.ConvCpuTime vector
 * }</pre>
 */
public final class ConvCpuTime {
    private static final List<String> CONV_OPS = List.of("conv1.fwd", "conv1.wgrad", "conv1.bgrad", "conv1.wbgrad", "conv2.fwd",
            "conv2.wgrad", "conv2.igrad", "conv2.bgrad");

    private ConvCpuTime() {
    }

    /** Prints the CPU milliseconds per call of each op. */
    public static void main(String[] args) {
        String kernels = args.length > 0 ? args[0] : "vector";
        List<String> ops = args.length > 1 ? List.of(args).subList(1, args.length) : CONV_OPS;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String op : ops) {
            ConvBench bench = new ConvBench();
            bench.op = op;
            bench.threads = 1;
            bench.kernels = kernels;
            bench.setUp();
            for (long end = System.nanoTime() + 4_000_000_000L; System.nanoTime() < end; ) {
                bench.call();
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 15; round++) {
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < 3; i++) {
                    bench.call();
                }
                best = Math.min(best, (cpu.getCurrentThreadCpuTime() - start) / 3e6);
            }
            System.out.printf("%s %.2f%n", op, best);
        }
    }
}
