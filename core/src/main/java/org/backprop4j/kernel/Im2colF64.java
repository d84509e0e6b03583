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
        int oh = g.outH();
        int ow = g.outW();
        int row = co;
        for (int c = 0; c < channels; c++) {
            int plane = xo + c * g.inPlane();
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, row += oh * ow) {
                    int col = row;
                    for (int r = 0; r < oh; r++, col += ow) {
                        int y = r * g.sh() - g.ph() + i * g.dh();
                        if (y < 0 || y >= g.h()) {
                            Arrays.fill(cols, col, col + ow, 0d);
                            continue;
                        }
                        int src = plane + y * g.w() - g.pw() + j * g.dw();
                        for (int q = 0; q < ow; q++) {
                            int xq = q * g.sw() - g.pw() + j * g.dw();
                            cols[col + q] = xq >= 0 && xq < g.w() ? x[src + q * g.sw()] : 0d;
                        }
                    }
                }
            }
        }
    }

    /**
     * Overwrites the planes at {@code x[xo..]} with the fold of the column matrix: each input value
     * is the sum of the entries that {@link #im2col} copied from it, added in row-major order of the
     * matrix (a fixed order, so the result does not depend on threads).
     */
    public static void col2im(double[] cols, int co, int channels, Window2d g, double[] x, int xo) {
        Arrays.fill(x, xo, xo + channels * g.inPlane(), 0d);
        int oh = g.outH();
        int ow = g.outW();
        int row = co;
        for (int c = 0; c < channels; c++) {
            int plane = xo + c * g.inPlane();
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, row += oh * ow) {
                    int col = row;
                    for (int r = 0; r < oh; r++, col += ow) {
                        int y = r * g.sh() - g.ph() + i * g.dh();
                        if (y < 0 || y >= g.h()) {
                            continue;
                        }
                        int dst = plane + y * g.w() - g.pw() + j * g.dw();
                        for (int q = 0; q < ow; q++) {
                            int xq = q * g.sw() - g.pw() + j * g.dw();
                            if (xq >= 0 && xq < g.w()) {
                                x[dst + q * g.sw()] += cols[col + q];
                            }
                        }
                    }
                }
            }
        }
    }
}
