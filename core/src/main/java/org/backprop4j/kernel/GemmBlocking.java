package org.backprop4j.kernel;

/**
 * The K blocking shared by every GEMM kernel set: the inner dimension is split into the same even
 * blocks of at most {@link #KC} everywhere, so every kernel set sums each element of C in the same
 * order (which is what makes the plain and Vector API GEMMs bit-identical).
 */
final class GemmBlocking {
    /**
     * Largest K block. 1024 rather than the usual 256 (see docs/BENCHMARKS.md): on this project's machine (1 MiB
     * L2 per core) the forward GEMM of the benchmark MLP (k = 784, one block instead of four) ran about
     * 13 % faster on two threads, the others unchanged; a packed panel of 1024 x 48 floats (192 KiB)
     * stays in L2.
     */
    static final int KC = 1024;

    private GemmBlocking() {
    }

    /** Number of K blocks for an inner dimension k (at least 1). */
    static int blocks(int k) {
        return Math.max(1, (k + KC - 1) / KC);
    }

    /** Start of K block {@code b} of {@code nb} (block {@code nb} gives k). */
    static int start(int k, int b, int nb) {
        return (int) ((long) k * b / nb);
    }

    /** Zeroes rows [i0,i1) x columns [j0,j1) of C (used when k is 0 and C is not accumulated). */
    static void zero(float[] c, int cOff, int n, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, cOff + i * n + j0, cOff + i * n + j1, 0f);
        }
    }

    /** Double-precision {@link #zero(float[], int, int, int, int, int, int)}. */
    static void zero(double[] c, int cOff, int n, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, cOff + i * n + j0, cOff + i * n + j1, 0d);
        }
    }
}
