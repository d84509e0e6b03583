package org.backprop4j.cli;

/** Applies {@code --threads}: the system property the compute kernels read, and the common fork-join pool's size. */
final class Threads {
    /** The system property with the number of kernel threads. */
    static final String PROPERTY = "backprop4j.threads";

    private Threads() {
    }

    /** Sets the thread count when {@code n} is given; it must be at least 1. */
    static void configure(Integer n) {
        if (n == null) {
            return;
        }
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        System.setProperty(PROPERTY, Integer.toString(n));
        // takes effect only if the common pool has not been created yet, which is the case in the CLI
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", Integer.toString(n));
    }
}
