package org.backprop4j.cli;

import org.backprop4j.kernel.Kernels;

/** Applies {@code --threads}: the size of the kernels' shared thread pool. */
final class Threads {
    private Threads() {
    }

    /** Sets the kernel thread count when {@code n} is given; it must be at least 1. */
    static void configure(Integer n) {
        if (n == null) {
            return;
        }
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        Kernels.setThreads(n);
    }
}
