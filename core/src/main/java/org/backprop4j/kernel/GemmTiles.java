package org.backprop4j.kernel;

/**
 * Runs every float32 GEMM code path of the active kernel set once, on small shapes: each register
 * tile (panels one, two and three column units wide, the one-row tail, and the column tile of a
 * narrow edge panel under a transposed A), each packing branch (op(B) plain and transposed, gathered
 * and scalar columns) and, when the pool has more than one thread, both splits across the pool (by
 * columns, and by rows for a narrow op(B)). A JIT warm-up calls it so that code the real shapes reach
 * only through the thread split (such as a two-vector panel) is compiled before the first real step too.
 * It writes only arrays of its own.
 */
public final class GemmTiles {
    private static final int ROWS = 9; // one 8-row tile and a one-row tail
    private static final int INNER = 3;
    private static final int SPLIT_INNER = 64;

    private GemmTiles() {
    }

    /** Runs each tile, packing branch and (with a multi-threaded pool) both pool splits once. */
    public static void exercise() {
        KernelSet ks = Kernels.active();
        int u = ks.columnUnit();
        for (int width : new int[]{3 * u, 2 * u, u, 3 * u + 2 * u + 1}) {
            run(ks, ROWS, width, INNER);
        }
        run(ks, 2 * u, 3 * u + 1, INNER); // a one-column edge panel under 2u rows: the column tile (A transposed)
        // split by columns across the pool: 2 x m x n x k just above the parallel threshold (a longer k
        // than the tiles' keeps the number of kernel calls, which the interpreter makes slow, small)
        long columns = (Gemm.PARALLEL_FLOPS + 2L * 2 * ROWS * SPLIT_INNER - 1) / (2L * 2 * ROWS * SPLIT_INNER);
        if (Kernels.threads() > 1 && columns <= 1 << 14) {
            run(ks, 2 * ROWS, (int) Math.max(2L * u, columns), SPLIT_INNER);
        }
        // split by rows: a panel narrower than two column units (a 10-class output layer over a large
        // evaluation batch takes this side of the split)
        long rows = (Gemm.PARALLEL_FLOPS + 2L * u * SPLIT_INNER - 1) / (2L * u * SPLIT_INNER);
        if (Kernels.threads() > 1 && rows <= 1 << 14) {
            run(ks, (int) Math.max(2L * ROWS, rows), u, SPLIT_INNER);
        }
    }

    private static void run(KernelSet ks, int m, int n, int k) {
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 7 - 3;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 5 - 2;
        }
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                Gemm.gemm(ks, ta, tb, m, n, k, a, 0, b, 0, c, 0, tb);
            }
        }
    }
}
