package org.backprop4j.kernel;

/** Float32 reductions on the kernel set chosen by {@link Kernels}. */
public final class Reductions {
    private Reductions() {
    }

    /**
     * {@code out[c] = sum over r of x[r,c]} (or {@code +=} when {@code accumulate}), rows added in
     * ascending order: bit-identical between kernel sets and thread counts (the bias gradient).
     */
    public static void columnSums(float[] x, int xo, int rows, int cols, float[] out, int oo, boolean accumulate) {
        KernelSet kernels = Kernels.active();
        if ((long) rows * cols < 2L * Elementwise.PARALLEL_ELEMENTS || cols < 32) {
            kernels.columnSums(x, xo, rows, cols, cols, out, oo, accumulate);
            return;
        }
        // split by whole 16-column groups: each column is still summed over all rows in order
        int groups = cols / 16;
        Parallel.forRange(groups, 1, (g0, g1) -> {
            int c0 = g0 * 16;
            int c1 = g1 == groups ? cols : g1 * 16; // the last part also takes the columns after the last group
            kernels.columnSums(x, xo + c0, rows, c1 - c0, cols, out, oo + c0, accumulate);
        });
    }

    /**
     * True when the float32 array holds no NaN and no infinity: one vectorised pass (x·0 is 0 unless
     * x is NaN or infinite, and a NaN survives any sum), split over the kernel pool.
     */
    public static boolean allFinite(float[] x) {
        KernelSet kernels = Kernels.active();
        int n = x.length;
        if (n < 2 * Elementwise.PARALLEL_ELEMENTS) {
            return kernels.allFinite(x, 0, n);
        }
        boolean[] bad = new boolean[1];
        Parallel.forRange(n, Elementwise.PARALLEL_ELEMENTS, (from, to) -> {
            if (!kernels.allFinite(x, from, to - from)) {
                bad[0] = true; // only ever set: no race on the outcome
            }
        });
        return !bad[0];
    }
}
