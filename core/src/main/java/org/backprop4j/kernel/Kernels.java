package org.backprop4j.kernel;

import java.util.Locale;
import org.backprop4j.internal.Settings;

/**
 * Chooses the kernel set and owns the thread pool. On first use the Vector API set is chosen when
 * the {@code jdk.incubator.vector} module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and the plain-Java set otherwise; the system property
 * {@code backprop4j.kernels} ({@code auto}, {@code vector} or {@code plain}) overrides that. The
 * choice, and the reason for a fallback, is logged once in one line on stderr. The number of threads
 * defaults to the available processors and is set by {@link #setThreads(int)} or
 * {@code -Dbackprop4j.threads=N}. A {@code backprop4j.*} property with a value that is not allowed
 * fails the first kernel call with an {@link IllegalArgumentException} naming it.
 */
public final class Kernels {
    private static final KernelSet PLAIN = new PlainKernels();
    /** Why the Vector API set could not be loaded, or null when it was. */
    private static String vectorProblem;
    private static final KernelSet VECTOR = loadVector();
    private static volatile KernelSet active;
    private static volatile KernelPool pool;
    private static volatile java.util.function.Consumer<String> choiceLog = System.err::println;

    private Kernels() {
    }

    private static KernelSet loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            vectorProblem = "the module jdk.incubator.vector is not in the boot layer; start java with"
                    + " --add-modules jdk.incubator.vector";
            return null;
        }
        try {
            // by name, so that the class (and the incubator module) is only linked when present
            return (KernelSet) Class.forName("org.backprop4j.kernel.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            vectorProblem = "the Vector API kernels failed to load: " + e;
            return null;
        }
    }

    /** The active set, chosen (and the choice logged) on the first call. */
    static KernelSet active() {
        KernelSet a = active;
        return a != null ? a : choose();
    }

    private static synchronized KernelSet choose() {
        if (active == null) {
            Settings.checkAll();
            String want = Settings.kernels();
            if (want.equals("vector") && VECTOR == null) {
                throw new IllegalArgumentException("system property " + Settings.KERNELS + "=vector cannot be"
                        + " honoured: " + vectorProblem);
            }
            active = want.equals("plain") || VECTOR == null ? PLAIN : VECTOR;
            choiceLog.accept(choiceLine(want, active, vectorProblem));
        }
        return active;
    }

    /**
     * Where the one line naming the chosen kernel set goes (default: standard error). Takes effect for a
     * choice not yet made, so call it before the first kernel runs; the command line, for example, keeps
     * the line for --debug and for a set other than the Vector API one, so that an error stays one line.
     */
    public static void logChoiceTo(java.util.function.Consumer<String> sink) {
        choiceLog = java.util.Objects.requireNonNull(sink, "sink");
    }

    /** The one log line for a choice of kernel set: the set, and why when it is not the Vector API set. */
    private static String choiceLine(String wanted, KernelSet chosen, String vectorProblem) {
        String why = chosen.name().equals("vector") ? ""
                : wanted.equals("plain") ? " (forced by -D" + Settings.KERNELS + "=plain)"
                : " (fallback: " + vectorProblem + ")";
        return "backprop4j: using the " + chosen.name() + " kernels" + why;
    }

    /** The name of the kernel set in use: {@code "vector"} (Vector API) or {@code "plain"} (plain Java). */
    public static String implementation() {
        return active().name();
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
                    throw new IllegalStateException("the Vector API kernels cannot be used: " + vectorProblem);
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
        pool = new KernelPool(n, spinNanos());
        if (old != null) {
            old.shutdown();
        }
    }

    static KernelSet plain() {
        return PLAIN;
    }

    /** The Vector API set, or null when the module is absent (for tests that compare both sets). */
    static KernelSet vector() {
        return VECTOR;
    }

    private static long spinNanos() {
        return Settings.spinMicros() * 1000L;
    }

    static KernelPool pool() {
        KernelPool p = pool;
        if (p == null) {
            synchronized (Kernels.class) {
                if (pool == null) {
                    pool = new KernelPool(Settings.threads(Runtime.getRuntime().availableProcessors()), spinNanos());
                }
                p = pool;
            }
        }
        return p;
    }
}
