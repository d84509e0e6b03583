package org.backprop4j.kernel;

/**
 * Per-thread scratch buffers of the kernels (packed panels of B, one row of accumulators). They
 * only grow, so in the steady state of a training loop no kernel allocates.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private float[] packF = new float[0];
    private float[] rowF = new float[0];
    private final float[] blockF = new float[256];
    private int[] gatherIndex = new int[0];
    private int[] ints = new int[0];
    private double[] doubles = new double[0];
    private int gatherStride = -1;
    /** The plain GEMM's loops with their packed rows and accumulators, one per precision. */
    final PlainGemmF32 plainGemmF = new PlainGemmF32();
    final PlainGemmF64 plainGemmD = new PlainGemmF64();

    private Scratch() {
    }

    /** The calling thread's scratch buffers. */
    static Scratch get() {
        return LOCAL.get();
    }

    /** A float buffer for packed B of at least n values. */
    float[] packF(int n) {
        if (packF.length < n) {
            packF = new float[n];
        }
        return packF;
    }

    /**
     * An int buffer of at least n values: the winners of a plane's max-pooling windows, or the tap offsets of a
     * direct convolution ({@link DirectConv2d}; never both in one call).
     */
    int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }

    /** A double buffer of at least n values (a convolution's bias gradient sums). */
    double[] doubles(int n) {
        if (doubles.length < n) {
            doubles = new double[n];
        }
        return doubles;
    }

    /** A 16 x 16 float block, the halfway rows of {@link Transpose16}. */
    float[] blockF() {
        return blockF;
    }

    /** A float buffer for one row of accumulators of at least n values. */
    float[] rowF(int n) {
        if (rowF.length < n) {
            rowF = new float[n];
        }
        return rowF;
    }

    /**
     * {@code rows}, or when it has fewer than {@code count} rows or rows shorter than n, a new set of
     * separate rows (zero-based rows let C2 vectorise) that is at least as large in both directions.
     */
    static float[][] grow(float[][] rows, int count, int n) {
        if (rows.length >= count && rows.length > 0 && rows[0].length >= n) {
            return rows;
        }
        return new float[Math.max(count, rows.length)][Math.max(n, rows.length == 0 ? 0 : rows[0].length)];
    }

    /** Double-precision {@link #grow(float[][], int, int)}. */
    static double[][] grow(double[][] rows, int count, int n) {
        if (rows.length >= count && rows.length > 0 && rows[0].length >= n) {
            return rows;
        }
        return new double[Math.max(count, rows.length)][Math.max(n, rows.length == 0 ? 0 : rows[0].length)];
    }

    /** The index map {@code 0, stride, 2 stride, ...} of {@code lanes} entries, for gathering a column. */
    int[] gatherIndex(int stride, int lanes) {
        if (gatherStride != stride || gatherIndex.length != lanes) {
            gatherIndex = new int[lanes];
            for (int i = 0; i < lanes; i++) {
                gatherIndex[i] = i * stride;
            }
            gatherStride = stride;
        }
        return gatherIndex;
    }
}
