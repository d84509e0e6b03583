package org.backprop4j.kernel;

/**
 * Row-wise softmax and log-softmax of a row-major float32 matrix with the max shift, on the kernel
 * set chosen by {@link Kernels}. The Vector API set uses the vector {@code exp} and adds across
 * lanes, so its results may differ from the plain set's {@link Math#exp} in the last bits.
 */
public final class RowSoftmax {
    private RowSoftmax() {
    }

    /** {@code out[r,c] = exp(x[r,c] - max_r) / sum_c exp(x[r,c] - max_r)}; out may be x. */
    public static void softmax(float[] x, int xo, float[] out, int oo, int rows, int cols) {
        Kernels.active().softmaxRows(x, xo, out, oo, rows, cols, false);
    }

    /** {@code out[r,c] = x[r,c] - max_r - log sum_c exp(x[r,c] - max_r)}; out may be x. */
    public static void logSoftmax(float[] x, int xo, float[] out, int oo, int rows, int cols) {
        Kernels.active().softmaxRows(x, xo, out, oo, rows, cols, true);
    }
}
