package org.backprop4j.kernel;

import java.util.Locale;

/**
 * Chooses the kernel set and owns the thread pool. At class initialisation the Vector API set is
 * chosen when the {@code jdk.incubator.vector} module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the plain-Java set otherwise; the system property
 * {@code backprop4j.kernels=plain} forces the plain set. The number of threads defaults to the
 * available processors and is set by {@link #setThreads(int)} or {@code -Dbackprop4j.threads=N}.
 */
public final class Kernels {
    private static final KernelSet PLAIN = new PlainKernels();
    private static final KernelSet VECTOR = loadVector();
    private static volatile KernelSet active = choose();
    private static final long SPIN_NANOS = Long.getLong("backprop4j.spinMicros", 100) * 1000L;
    private static volatile KernelPool pool;

    private Kernels() {
    }

    private static KernelSet loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            // by name, so that the class (and the incubator module) is only linked when present
            return (KernelSet) Class.forName("org.backprop4j.kernel.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static KernelSet choose() {
        String want = System.getProperty("backprop4j.kernels", "auto").toLowerCase(Locale.ROOT);
        if (want.equals("plain") || VECTOR == null) {
            return PLAIN;
        }
        return VECTOR;
    }

    /** The name of the kernel set in use: {@code "vector"} (Vector API) or {@code "plain"} (plain Java). */
    public static String implementation() {
        return active.name();
    }

    /**
     * Switches the kernel set for later calls: {@code "vector"} or {@code "plain"} (for tests and
     * benchmarks that compare both in one JVM).
     *
     * @throws IllegalStateException for "vector" when the module is absent
     */
    public static void use(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "plain":
                active = PLAIN;
                break;
            case "vector":
                if (VECTOR == null) {
                    throw new IllegalStateException("the Vector API kernels need --add-modules jdk.incubator.vector");
                }
                active = VECTOR;
                break;
            default:
                throw new IllegalArgumentException("unknown kernel set '" + name + "'; use vector or plain");
        }
    }

    /** True when the Vector API kernels could be loaded (whether or not they are in use). */
    public static boolean vectorAvailable() {
        return VECTOR != null;
    }

    /** The number of threads kernels may use (1 = single-threaded). */
    public static int threads() {
        return pool().threads();
    }

    /**
     * Sets the number of threads kernels may use, from 1 up; replaces the shared pool. Results do
     * not depend on it: work is only ever split by rows or columns of the output.
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        KernelPool old = pool;
        if (old != null && old.threads() == n) {
            return;
        }
        pool = new KernelPool(n, SPIN_NANOS);
        if (old != null) {
            old.shutdown();
        }
    }

    static KernelSet active() {
        return active;
    }

    static KernelSet plain() {
        return PLAIN;
    }

    /** The Vector API set, or null when the module is absent (for tests that compare both sets). */
    static KernelSet vector() {
        return VECTOR;
    }

    static KernelPool pool() {
        KernelPool p = pool;
        if (p == null) {
            synchronized (Kernels.class) {
                if (pool == null) {
                    int n = Integer.getInteger("backprop4j.threads", Runtime.getRuntime().availableProcessors());
                    pool = new KernelPool(Math.max(1, n), SPIN_NANOS);
                }
                p = pool;
            }
        }
        return p;
    }
}
