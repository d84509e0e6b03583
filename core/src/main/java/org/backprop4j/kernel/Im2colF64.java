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
     * The rows go by rows of taps, each over all channels: an input value still gets its entries in row
     * order (they are its channel's rows), and consecutive runs add into different planes, so that a run
     * does not load what the run before it has just stored (as its neighbouring tap's run would, one value
     * over). With one run per row and three taps in a row of taps (3x3 "same"), the three runs of a
     * channel are added in one pass ({@link #addRowOfThreeTaps}).
     */
    public static void col2im(KernelSet ks, double[] cols, int co, int channels, Window2d g, double[] x, int xo) {
        Arrays.fill(x, xo, xo + channels * g.inPlane(), 0d);
        int oh = g.outH();
        int ow = g.outW();
        int taps = g.kh() * g.kw();
        boolean oneRun = sameWidth(g);
        for (int i = 0; i < g.kh(); i++) {
            int ys = i * g.dh() - g.ph(); // input row of output row 0
            int r0 = Math.min(oh, Window2d.firstInside(ys, g.sh()));
            int r1 = Math.max(r0, Window2d.endInside(ys, g.sh(), g.h(), oh));
            if (oneRun && g.kw() == 3 && r0 < r1 && threeRuns(g)) {
                addRowOfThreeTaps(ks, cols, co + i * 3 * oh * ow, taps * oh * ow, g, ys, r0, r1, x, xo, channels);
                continue;
            }
            for (int j = 0; j < g.kw(); j++) {
                int xs = inputColumn(g, j);
                int q0 = firstColumn(g, j);
                int q1 = endColumn(g, j);
                for (int c = 0; c < channels; c++) {
                    int plane = xo + c * g.inPlane();
                    int in = co + (c * taps + i * g.kw() + j) * oh * ow;
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

    /** Input column of output column 0 for tap column j. */
    private static int inputColumn(Window2d g, int j) {
        return j * g.dw() - g.pw();
    }

    /** First output column whose tap column j falls inside the input. */
    private static int firstColumn(Window2d g, int j) {
        return Math.min(g.outW(), Window2d.firstInside(inputColumn(g, j), g.sw()));
    }

    /** End of the output columns whose tap column j falls inside the input (at least {@link #firstColumn}). */
    private static int endColumn(Window2d g, int j) {
        return Math.max(firstColumn(g, j), Window2d.endInside(inputColumn(g, j), g.sw(), g.w(), g.outW()));
    }

    /** True when each of tap columns 0, 1, 2 reaches some input column. */
    private static boolean threeRuns(Window2d g) {
        return firstColumn(g, 0) < endColumn(g, 0) && firstColumn(g, 1) < endColumn(g, 1)
                && firstColumn(g, 2) < endColumn(g, 2);
    }

    /**
     * Adds the runs of the three taps of a row of taps into each of {@code channels} planes from {@code x[xo..]},
     * as three {@link #col2im} runs would, in the same order per value (column-matrix rows from {@code cols[in..]},
     * one plane apart, {@code step} apart from channel to channel; output rows [r0, r1) inside the input): where
     * all three runs reach, in one pass of {@link KernelSet#addThree}; at the few values at either end that only
     * one or two reach, one tap after the other. Run j adds {@code cols[p + shift_j]} to {@code x[p]} for p in
     * [start_j, end_j), which the plane's offset moves alike.
     */
    private static void addRowOfThreeTaps(KernelSet ks, double[] cols, int in, int step, Window2d g, int ys, int r0,
                                          int r1, double[] x, int xo, int channels) {
        int ow = g.outW();
        int n = g.outPlane();
        int q00 = firstColumn(g, 0);
        int q01 = firstColumn(g, 1);
        int q02 = firstColumn(g, 2);
        int q10 = endColumn(g, 0);
        int q11 = endColumn(g, 1);
        int q12 = endColumn(g, 2);
        int top = ys * g.w(); // x index within the plane of output position 0 for input column 0
        int start0 = top + inputColumn(g, 0) + r0 * ow + q00;
        int start1 = top + inputColumn(g, 1) + r0 * ow + q01;
        int start2 = top + inputColumn(g, 2) + r0 * ow + q02;
        int end0 = top + inputColumn(g, 0) + (r1 - 1) * ow + q10;
        int end1 = top + inputColumn(g, 1) + (r1 - 1) * ow + q11;
        int end2 = top + inputColumn(g, 2) + (r1 - 1) * ow + q12;
        int lo = Math.max(start0, Math.max(start1, start2));
        int hi = Math.max(lo, Math.min(end0, Math.min(end1, end2)));
        int first = Math.min(start0, Math.min(start1, start2));
        int last = Math.max(end0, Math.max(end1, end2));
        for (int c = 0; c < channels; c++, in += step) {
            int plane = xo + c * g.inPlane();
            zeroOutside(cols, in, ow, r0, r1, q00, q10);
            zeroOutside(cols, in + n, ow, r0, r1, q01, q11);
            zeroOutside(cols, in + 2 * n, ow, r0, r1, q02, q12);
            int shift0 = in - top - inputColumn(g, 0) - plane;
            int shift1 = in + n - top - inputColumn(g, 1) - plane;
            int shift2 = in + 2 * n - top - inputColumn(g, 2) - plane;
            for (int p = first == lo ? hi : first; p < last; p = p + 1 == lo ? hi : p + 1) { // [first, lo), [hi, last)
                int at = plane + p;
                x[at] = p >= start0 && p < end0 ? x[at] + cols[at + shift0] : x[at];
                x[at] = p >= start1 && p < end1 ? x[at] + cols[at + shift1] : x[at];
                x[at] = p >= start2 && p < end2 ? x[at] + cols[at + shift2] : x[at];
            }
            ks.addThree(x, plane + lo, cols, plane + lo + shift0, plane + lo + shift1, plane + lo + shift2, hi - lo);
        }
    }
}
