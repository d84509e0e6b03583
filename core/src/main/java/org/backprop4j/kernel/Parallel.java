package org.backprop4j.kernel;

/**
 * Splits a loop over {@code [0, n)} into contiguous ranges run on the shared kernel pool. Every
 * index is handled by exactly one range and a range's work never depends on who runs it, so a body
 * that treats its indices independently gives the same bits whatever the thread count.
 */
public final class Parallel {
    /** The body of a split loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        /** Runs the loop body for indices from (inclusive) to to (exclusive). */
        void run(int from, int to);
    }

    private Parallel() {
    }

    /**
     * Runs {@code body} over [0, n): on the calling thread when n is below {@code minPerPart} times
     * two, otherwise in up to one range per pool thread, each at least {@code minPerPart} long.
     */
    public static void forRange(int n, int minPerPart, Range body) {
        if (n <= 0) {
            return;
        }
        KernelPool pool = Kernels.pool();
        int parts = (int) Math.min(pool.threads(), n / Math.max(1L, minPerPart));
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        Split split = SPLITS.get();
        if (split.body != null) { // a split loop inside this thread's split loop: its job object is in use
            split = new Split();
        }
        split.body = body;
        split.n = n;
        try {
            pool.run(split, parts);
        } finally {
            split.body = null;
        }
    }

    private static final ThreadLocal<Split> SPLITS = ThreadLocal.withInitial(Split::new);

    /** One split loop as a pool job; reused per calling thread so that a split allocates nothing. */
    private static final class Split implements KernelPool.Task {
        Range body;
        int n;

        @Override
        public void run(int part, int parts) {
            body.run((int) ((long) n * part / parts), (int) ((long) n * (part + 1) / parts));
        }
    }
}
