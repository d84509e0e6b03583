// GENERATED from Im2col.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * Unfolds the windows of a stack of planes into the columns of a matrix (im2col) and folds such a
 * matrix back by summing (col2im), so that a convolution becomes one GEMM. For {@code channels}
 * planes of {@link Window2d} g the matrix has {@code channels · kh · kw} rows and
 * {@code outH · outW} columns: {@code cols[(c·kh + i)·kw + j, oh·outW + ow] = x[c, oh·sh - ph + i·dh,
 * ow·sw - pw + j·dw]}, zero where that falls in the padding. Single-threaded; callers split by image.
 */
public final class Im2colF64 {
    private Im2colF64() {
    }

    /** Writes every entry of the column matrix at {@code cols[co..]} from the planes at {@code x[xo..]}. */
    public static void im2col(double[] x, int xo, int channels, Window2d g, double[] cols, int co) {
        im2col(x, xo, g, cols, co, 0, channels * g.kh() * g.kw());
    }

    /**
     * Writes rows {@code [row0, row1)} of the column matrix at {@code cols[co..]} (each at its place in
     * the whole matrix) from the planes at {@code x[xo..]}; the other rows are left alone. Each row is
     * copied in runs: zeros where the windows fall in the padding, the input row in between.
     */
    public static void im2col(double[] x, int xo, Window2d g, double[] cols, int co, int row0, int row1) {
        int oh = g.outH();
        int ow = g.outW();
        int taps = g.kh() * g.kw();
        boolean oneRun = sameWidth(g);
        for (int row = row0; row < row1; row++) {
            int c = row / taps;
            int i = row % taps / g.kw();
            int j = row % g.kw();
            int plane = xo + c * g.inPlane();
            int xs = j * g.dw() - g.pw(); // input column of output column 0
            int q0 = Math.min(ow, Window2d.firstInside(xs, g.sw()));
            int q1 = Math.max(q0, Window2d.endInside(xs, g.sw(), g.w(), ow));
            int ys = i * g.dh() - g.ph(); // input row of output row 0
            int r0 = Math.min(oh, Window2d.firstInside(ys, g.sh()));
            int r1 = Math.max(r0, Window2d.endInside(ys, g.sh(), g.h(), oh));
            int out = co + row * oh * ow;
            if (oneRun && q0 < q1 && r0 < r1) {
                // output position p reads input p + ys·W + xs: one copy from the first inside position to the
                // last, then zeros over the columns that the copy took from the neighbouring input rows
                int from = r0 * ow + q0;
                int to = (r1 - 1) * ow + q1;
                Arrays.fill(cols, out, out + from, 0d);
                System.arraycopy(x, plane + ys * g.w() + xs + from, cols, out + from, to - from);
                Arrays.fill(cols, out + to, out + oh * ow, 0d);
                zeroOutside(cols, out, ow, r0, r1, q0, q1);
                continue;
            }
            Arrays.fill(cols, out, out + r0 * ow, 0d);
            for (int r = r0; r < r1; r++) {
                int col = out + r * ow;
                int src = plane + (r * g.sh() + ys) * g.w() + xs;
                Arrays.fill(cols, col, col + q0, 0d);
                if (g.sw() == 1) {
                    System.arraycopy(x, src + q0, cols, col + q0, q1 - q0);
                } else {
                    for (int q = q0; q < q1; q++) {
                        cols[col + q] = x[src + q * g.sw()];
                    }
                }
                Arrays.fill(cols, col + q1, col + ow, 0d);
            }
            Arrays.fill(cols, out + r1 * ow, out + oh * ow, 0d);
        }
    }

    /** Zeroes columns [0, q0) and [q1, ow) of rows [r0, r1) of the {@code ow}-wide matrix at {@code cols[at..]}. */
    private static void zeroOutside(double[] cols, int at, int ow, int r0, int r1, int q0, int q1) {
        for (int q = 0; q < q0; q++) {
            zeroColumn(cols, at + q, ow, r0, r1);
        }
        for (int q = q1; q < ow; q++) {
            zeroColumn(cols, at + q, ow, r0, r1);
        }
    }

    /** Zeroes {@code cols[at + r·ow]} for r in [r0, r1). */
    private static void zeroColumn(double[] cols, int at, int ow, int r0, int r1) {
        for (int i = at + r0 * ow, end = at + r1 * ow; i < end; i += ow) {
            cols[i] = 0d;
        }
    }

    /**
     * True when a row of the column matrix is the input plane shifted (stride 1 and as many output
     * columns as input columns, as with "same" padding): then consecutive output positions read
     * consecutive input values, across output rows too, so im2col and col2im can work in one run per row.
     */
    private static boolean sameWidth(Window2d g) {
        return g.sh() == 1 && g.sw() == 1 && g.outW() == g.w();
    }

    /**
     * Overwrites the planes at {@code x[xo..]} with the fold of the column matrix: each input value
     * is the sum of the entries that {@link #im2col} copied from it, added in the order of the matrix's
     * rows (a fixed order, so the result does not depend on threads). Entries of {@code cols} that
     * fall in the padding, which the fold ignores, may be overwritten with zeros. {@code ks} adds the runs.
     * The rows go tap by tap, each tap over all channels: an input value still gets its entries in row
     * order (they are its channel's rows), and consecutive runs add into different planes, so that a run
     * does not load what the run before it has just stored (as its neighbouring tap's run would, one value
     * over; 15-20 % of conv2's col2im).
     */
    public static void col2im(KernelSet ks, double[] cols, int co, int channels, Window2d g, double[] x, int xo) {
        Arrays.fill(x, xo, xo + channels * g.inPlane(), 0d);
        int oh = g.outH();
        int ow = g.outW();
        int taps = g.kh() * g.kw();
        boolean oneRun = sameWidth(g);
        for (int tap = 0; tap < taps; tap++) {
            int i = tap / g.kw();
            int j = tap % g.kw();
            int xs = j * g.dw() - g.pw();
            int q0 = Math.min(ow, Window2d.firstInside(xs, g.sw()));
            int q1 = Math.max(q0, Window2d.endInside(xs, g.sw(), g.w(), ow));
            int ys = i * g.dh() - g.ph();
            int r0 = Math.min(oh, Window2d.firstInside(ys, g.sh()));
            int r1 = Math.max(r0, Window2d.endInside(ys, g.sh(), g.h(), oh));
            for (int c = 0; c < channels; c++) {
                int plane = xo + c * g.inPlane();
                int in = co + (c * taps + tap) * oh * ow;
                if (oneRun && q0 < q1 && r0 < r1) {
                    // as in im2col: one run from the first inside position to the last, after zeroing the entries
                    // of the columns in the padding (the run adds them to the neighbouring input rows)
                    zeroOutside(cols, in, ow, r0, r1, q0, q1);
                    int from = r0 * ow + q0;
                    int at = plane + ys * g.w() + xs + from;
                    ks.add(x, at, cols, in + from, x, at, (r1 - 1) * ow + q1 - from);
                    continue;
                }
                for (int r = r0; r < r1; r++) {
                    int col = in + r * ow;
                    int dst = plane + (r * g.sh() + ys) * g.w() + xs;
                    for (int q = q0; q < q1; q++) {
                        x[dst + q * g.sw()] += cols[col + q];
                    }
                }
            }
        }
    }
}
