package org.backprop4j.kernel;

/**
 * The plain-Java GEMM of one block of C, its loop nest written once for float32 and float64: the
 * subclasses ({@link PlainGemmF32} and its generated twin {@link PlainGemmF64}) hold the arrays and
 * supply only the primitive-specific inner loops. Each K block of op(B) is packed {@link #PACK_ROWS}
 * rows at a time into separate zero-based rows (which C2 vectorises, unlike offsets into one flat
 * array), and C's rows are accumulated {@link #ROW_CHUNK} at a time, so
 * the packed slice stays in L2 however long the K block. Each element of C sums its K block in
 * ascending k with {@link Math#fma} into a zeroed accumulator: the order of the Vector API kernels, so
 * both kernel sets give bit-identical results. One instance of each subclass per thread (in
 * {@link Scratch}), reused, so nothing is allocated in the steady state.
 */
abstract class PlainGemm {
    /** Rows of op(B) packed at a time. */
    static final int PACK_ROWS = 256;
    /** Rows of C accumulated at a time. */
    static final int ROW_CHUNK = 64;

    /**
     * Computes rows {@code [i0,i1)} and columns {@code [j0,j1)} of {@code C (+)= op(A)·op(B)} on the
     * arrays bound by the subclass (see {@link KernelSet#gemmBlock}).
     */
    final void run(boolean ta, boolean tb, int m, int n, int k, int aOff, int bOff, int cOff, boolean accumulate,
                   int i0, int i1, int j0, int j1) {
        int w = j1 - j0;
        int ars = ta ? 1 : k;
        int acs = ta ? m : 1;
        int nb = GemmBlocking.blocks(k);
        reserve(Math.min(k, PACK_ROWS), Math.max(1, Math.min(i1 - i0, ROW_CHUNK)), w);
        for (int bi = 0; bi < nb; bi++) {
            int p0 = GemmBlocking.start(k, bi, nb);
            int kc = GemmBlocking.start(k, bi + 1, nb) - p0;
            boolean add = accumulate || bi > 0;
            for (int r0 = i0; r0 < i1; r0 += ROW_CHUNK) {
                int rows = Math.min(ROW_CHUNK, i1 - r0);
                clearAccumulators(rows, w);
                for (int q0 = p0; q0 < p0 + kc; q0 += PACK_ROWS) {
                    int qc = Math.min(PACK_ROWS, p0 + kc - q0);
                    if (!tb) {
                        for (int p = 0; p < qc; p++) {
                            packRow(p, bOff + (q0 + p) * n + j0, w);
                        }
                    } else {
                        packTransposed(bOff + j0 * k + q0, k, qc, w);
                    }
                    for (int r = 0; r < rows; r++) {
                        multiplyAdd(r, aOff + (r0 + r) * ars + q0 * acs, acs, qc, w);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    store(r, cOff + (r0 + r) * n + j0, w, add, r0 + r);
                }
            }
        }
    }

    /** Makes sure of {@code packRows} packed rows and {@code accRows} accumulator rows of {@code w} values. */
    abstract void reserve(int packRows, int accRows, int w);

    /** Zeroes the first {@code w} values of accumulator rows {@code [0, rows)}. */
    abstract void clearAccumulators(int rows, int w);

    /** Packed row p = {@code b[src .. src+w)} (B not transposed: a row of op(B) is contiguous). */
    abstract void packRow(int p, int src, int w);

    /** Packed rows {@code [0, qc)}: column j of the stored B (row j of op(B)'s transpose) starts at {@code src + j*k}. */
    abstract void packTransposed(int src, int k, int qc, int w);

    /** Accumulator row r += sum over p < qc of {@code a[ap + p*acs]} · packed row p, in ascending p. */
    abstract void multiplyAdd(int r, int ap, int acs, int qc, int w);

    /**
     * Writes accumulator row r to {@code c[ci .. ci+w)} (row i of C), added to C when {@code add}, else overwriting it,
     * with the bound row bias of row i added when there is one ({@link KernelSet#gemmBlock}).
     */
    abstract void store(int r, int ci, int w, boolean add, int i);
}
