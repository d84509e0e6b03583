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
}
