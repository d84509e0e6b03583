package org.backprop4j.cli;

import org.backprop4j.kernel.Kernels;

/** Applies {@code --threads}: the size of the kernels' shared thread pool. */
final class Threads {
    /** The most kernel threads per processor; more only adds switching, and far more exhausts the machine. */
    static final int PER_PROCESSOR = 8;
    /** The cap never goes below this, so that small machines still accept a generous count. */
    static final int MIN_CAP = 64;

    private Threads() {
    }

    /**
     * Sets the kernel thread count when {@code n} is given; it must be between 1 and the cap,
     * {@link #PER_PROCESSOR} per processor and at least {@link #MIN_CAP}.
     */
    static void configure(Integer n) {
        if (n == null) {
            return;
        }
        int cap = Math.max(MIN_CAP, PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
        if (n < 1 || n > cap) {
            throw new IllegalArgumentException("--threads must be between 1 and " + cap + " (" + PER_PROCESSOR
                    + " per processor, at least " + MIN_CAP + "), got " + n);
        }
        Kernels.setThreads(n);
    }
}
