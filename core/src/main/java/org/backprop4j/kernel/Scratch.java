package org.backprop4j.kernel;

/**
 * Per-thread scratch buffers of the kernels (packed panels of B, one row of accumulators). They
 * only grow, so in the steady state of a training loop no kernel allocates.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private float[] packF = new float[0];
    private float[][] rowsF = new float[0][];
    private float[][] accF = new float[0][];
    private double[][] rowsD = new double[0][];
    private float[] rowF = new float[0];
    private double[] packD = new double[0];
    private double[] rowD = new double[0];
    private int[] gatherIndex = new int[0];
    private int gatherStride = -1;

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

    /** {@code count} separate float rows of at least n values each (zero-based rows let C2 vectorise). */
    float[][] rowsF(int count, int n) {
        if (rowsF.length < count || rowsF[0].length < n) {
            rowsF = new float[Math.max(count, rowsF.length)][Math.max(n, rowsF.length == 0 ? 0 : rowsF[0].length)];
        }
        return rowsF;
    }

    /** {@code count} separate float rows of accumulators of at least n values each (apart from {@link #rowsF}). */
    float[][] accumulatorsF(int count, int n) {
        if (accF.length < count || accF[0].length < n) {
            accF = new float[Math.max(count, accF.length)][Math.max(n, accF.length == 0 ? 0 : accF[0].length)];
        }
        return accF;
    }

    /** {@code count} separate double rows of at least n values each. */
    double[][] rowsD(int count, int n) {
        if (rowsD.length < count || rowsD[0].length < n) {
            rowsD = new double[Math.max(count, rowsD.length)][Math.max(n, rowsD.length == 0 ? 0 : rowsD[0].length)];
        }
        return rowsD;
    }

    /** A float buffer for one row of accumulators of at least n values. */
    float[] rowF(int n) {
        if (rowF.length < n) {
            rowF = new float[n];
        }
        return rowF;
    }

    /** A double buffer for packed B of at least n values. */
    double[] packD(int n) {
        if (packD.length < n) {
            packD = new double[n];
        }
        return packD;
    }

    /** A double buffer for one row of accumulators of at least n values. */
    double[] rowD(int n) {
        if (rowD.length < n) {
            rowD = new double[n];
        }
        return rowD;
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
