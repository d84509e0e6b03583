import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.backprop4j.kernel.Elementwise;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Pool2dKernels;
import org.backprop4j.kernel.Window2d;

/**
 * Calling-thread CPU time per call of ReLU then 2x2 max pooling on workload C's conv outputs (pool1:
 * [128,32,28,28], pool2: [128,64,14,14]), 1 kernel thread: the two passes (ReLU's kernel into a
 * full-size array, then max pooling; backward: max pooling's into a full-size gradient, then ReLU's
 * mask) against the fused pass (maxForward / maxBackward with relu), interleaved in one JVM, best of
 * 15 rounds of 3 calls after 4 s of warm-up (for a loaded machine, where wall-clock scores are noise).
 * Run from the project root after compiling core:
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx2g -cp core/target/classes bench/cputime/FusedPoolCpuTime.java vector
 * </pre>
 * Argument: the kernel set (vector or plain). Input: uniform in [-1, 1).
 */
public class FusedPoolCpuTime {
    public static void main(String[] a) {
        Kernels.use(a[0]);
        Kernels.setThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] ops = {"pool1.fwd", "pool1.bwd", "pool2.fwd", "pool2.bwd"};
        double[][] best = new double[2][ops.length];
        for (double[] b : best) java.util.Arrays.fill(b, Double.MAX_VALUE);
        long warmEnd = System.nanoTime() + 4_000_000_000L;
        for (int round = 0; round < 15 || System.nanoTime() < warmEnd; round++) {
            boolean measuring = System.nanoTime() >= warmEnd;
            for (int oi = 0; oi < ops.length; oi++) {
                boolean first = ops[oi].startsWith("pool1");
                int c = first ? 32 : 64, side = first ? 28 : 14, planes = 128 * c, n = planes * side * side;
                float[] x = data(n, 5), dy = data(n / 4, 6);
                float[] h = new float[n], y = new float[n / 4], where = new float[n / 4], dh = new float[n], dx = new float[n];
                Window2d g = new Window2d(side, side, 2, 2, 2, 2, 0, 0, 1, 1);
                boolean fwd = ops[oi].endsWith("fwd");
                for (int fused = 0; fused < 2; fused++) {
                    for (int rep = 0; rep < 3; rep++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        if (fused == 1) {
                            if (fwd) Pool2dKernels.maxForward(x, planes, g, true, y, where);
                            else Pool2dKernels.maxBackward(where, dy, y, planes, g, dx);
                        } else if (fwd) {
                            Elementwise.reluBackward(x, 0, x, 0, h, 0, n); // relu(x), as ops.Relu
                            Pool2dKernels.maxForward(h, planes, g, false, y, where);
                        } else {
                            Pool2dKernels.maxBackward(where, dy, null, planes, g, dh);
                            Elementwise.reluBackward(dh, 0, h, 0, dx, 0, n);
                        }
                        long t = mx.getCurrentThreadCpuTime() - t0;
                        if (measuring) best[fused][oi] = Math.min(best[fused][oi], t / 1e6);
                    }
                }
            }
            if (!measuring) round = 0;
        }
        System.out.printf("kernels=%s%n", a[0]);
        for (int oi = 0; oi < ops.length; oi++) {
            System.out.printf("%-10s relu+pool %7.3f ms  fused %7.3f ms  ratio %5.2fx%n", ops[oi], best[0][oi], best[1][oi], best[0][oi] / best[1][oi]);
        }
    }

    static float[] data(int n, long seed) {
        float[] v = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) v[i] = (float) r.nextDouble(-1, 1);
        return v;
    }
}
