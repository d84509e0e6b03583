// GENERATED from Conv2dAccessF32.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * The {@link Conv2dKernels} steps on double arrays.
 */
final class Conv2dAccessF64 implements Conv2dAccess<double[]> {
    @Override
    public int length(double[] array) {
        return array == null ? 0 : array.length;
    }

    @Override
    public void im2col(double[] x, int xo, Window2d g, double[] cols, int co, int row0, int row1) {
        Im2colF64.im2col(x, xo, g, cols, co, row0, row1);
    }

    @Override
    public void col2im(KernelSet ks, double[] cols, int co, int channels, Window2d g, double[] x, int xo) {
        Im2colF64.col2im(ks, cols, co, channels, g, x, xo);
    }

    @Override
    public void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, double[] b,
                          int bo, double[] c, int co, boolean acc, int i0, int i1, int j0, int j1) {
        ks.gemmBlock(ta, tb, m, n, k, a, ao, b, bo, c, co, acc, i0, i1, j0, j1);
    }

    @Override
    public void fillRows(double[] y, int yo, double[] b, int bo, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(y, yo + r * cols, yo + (r + 1) * cols, b[bo + r]);
        }
    }
}
