import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Calling-thread CPU time per call of the max-pooling kernels of workload C (ConvBench's pool1 and
 * pool2, 1 kernel thread), two builds of core interleaved in one JVM (each in a class loader of its
 * own), for a loaded machine where wall-clock JMH scores are noise. Prints the best of 15 rounds of
 * 3 calls per build after 4 s of warm-up. Run from the project root, after compiling both builds:
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx2g bench/cputime/PoolCpuTime.java \
 *     OLD/core/target/classes core/target/classes vector random [fused]
 * </pre>
 * Arguments: the old and the new classes directory, the kernel set (vector or plain), the input:
 * random (uniform in [-1, 1)), relu (the same with negatives set to 0), zeros, or shifted (uniform in
 * [-1.5, 0.5): about a third of the 2x2 windows have no positive value); and optionally fused: ReLU fused
 * into the pooling (relu = true, and the backward pass masks with the output y), for builds that have it.
 */
public class PoolCpuTime {
    static final class Side {
        final String name; final Method use, threads, fwd, bwd; final Constructor<?> win;
        final boolean fusable; // builds with ReLU fusion take a relu flag and the output for the backward pass
        static boolean fused; // relu = true (only for fusable builds)
        Side(String name, String dir) throws Exception {
            this.name = name;
            ClassLoader l = new URLClassLoader(new URL[]{Path.of(dir).toUri().toURL()}, PoolCpuTime.class.getClassLoader().getParent());
            Class<?> k = l.loadClass("org.backprop4j.kernel.Kernels");
            Class<?> p = l.loadClass("org.backprop4j.kernel.Pool2dKernels");
            Class<?> w = l.loadClass("org.backprop4j.kernel.Window2d");
            use = k.getMethod("use", String.class); threads = k.getMethod("setThreads", int.class);
            fusable = java.util.Arrays.stream(p.getMethods()).anyMatch(m -> m.getName().equals("maxForward")
                    && m.getParameterCount() == 6);
            fwd = fusable ? p.getMethod("maxForward", float[].class, int.class, w, boolean.class, float[].class, float[].class)
                    : p.getMethod("maxForward", float[].class, int.class, w, float[].class, float[].class);
            bwd = fusable ? p.getMethod("maxBackward", float[].class, float[].class, float[].class, int.class, w, float[].class)
                    : p.getMethod("maxBackward", float[].class, float[].class, int.class, w, float[].class);
            win = w.getConstructors()[0];
        }
        void forward(float[] x, int planes, Object g, float[] y, float[] where) throws Exception {
            if (fusable) fwd.invoke(null, x, planes, g, fused, y, where); else fwd.invoke(null, x, planes, g, y, where);
        }
        void backward(float[] where, float[] dy, float[] y, int planes, Object g, float[] dx) throws Exception {
            if (fusable) bwd.invoke(null, where, dy, fused ? y : null, planes, g, dx); else bwd.invoke(null, where, dy, planes, g, dx);
        }
    }
    public static void main(String[] a) throws Exception {
        Side[] sides = {new Side("old", a[0]), new Side("new", a[1])};
        String input = a[3];
        Side.fused = a.length > 4 && a[4].equals("fused");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] ops = {"pool1.fwd", "pool1.bwd", "pool2.fwd", "pool2.bwd"};
        for (Side s : sides) { s.use.invoke(null, a[2]); s.threads.invoke(null, 1); }
        double[][] best = new double[2][ops.length];
        for (double[] b : best) java.util.Arrays.fill(b, Double.MAX_VALUE);
        long warmEnd = System.nanoTime() + 4_000_000_000L;
        for (int round = 0; round < 15 || System.nanoTime() < warmEnd; round++) {
            boolean measuring = System.nanoTime() >= warmEnd;
            for (int oi = 0; oi < ops.length; oi++) {
                boolean first = ops[oi].startsWith("pool1");
                int c = first ? 32 : 64, side = first ? 28 : 14, planes = 128 * c;
                float[] x = data(planes * side * side, 5, input);
                float[] dy = data(planes * side * side / 4, 6, "random");
                float[] y = new float[dy.length], where = new float[dy.length], dx = new float[x.length];
                for (int si = 0; si < 2; si++) {
                    Side s = sides[si];
                    Object g = s.win.newInstance(side, side, 2, 2, 2, 2, 0, 0, 1, 1);
                    s.forward(x, planes, g, y, where);
                    for (int rep = 0; rep < 3; rep++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        if (ops[oi].endsWith("fwd")) s.forward(x, planes, g, y, where);
                        else s.backward(where, dy, y, planes, g, dx);
                        long t = mx.getCurrentThreadCpuTime() - t0;
                        if (measuring) best[si][oi] = Math.min(best[si][oi], t / 1e6);
                    }
                }
            }
            if (!measuring) round = 0;
        }
        System.out.printf("kernels=%s input=%s%s%n", a[2], input, Side.fused ? " fused" : "");
        for (int oi = 0; oi < ops.length; oi++) {
            System.out.printf("%-10s old %7.3f ms  new %7.3f ms  ratio %5.2fx%n", ops[oi], best[0][oi], best[1][oi], best[0][oi] / best[1][oi]);
        }
    }
    static float[] data(int n, long seed, String kind) {
        float[] v = new float[n];
        if (kind.equals("zeros")) return v;
        SplittableRandom r = new SplittableRandom(seed);
        double low = kind.equals("shifted") ? -1.5 : -1;
        for (int i = 0; i < n; i++) { float f = (float) r.nextDouble(low, low + 2); v[i] = kind.equals("relu") ? Math.max(f, 0f) : f; }
        return v;
    }
}
