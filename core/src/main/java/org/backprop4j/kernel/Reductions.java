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
        Kernels.active().columnSums(x, xo, rows, cols, out, oo, accumulate);
    }

    /**
     * The float32 sum of n elements. The Vector API set adds in vector lanes and then across them,
     * so the last bits may differ from the plain set, which adds left to right.
     */
    public static float sum(float[] x, int off, int n) {
        return Kernels.active().sum(x, off, n);
    }
}
