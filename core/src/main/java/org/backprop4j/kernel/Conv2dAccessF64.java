// GENERATED from Conv2dAccessF32.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

/**
 * The {@link Conv2dKernels} steps on double arrays.
 */
final class Conv2dAccessF64 implements Conv2dAccess<double[]> {
    @Override
    public int length(double[] array) {
        return array == null ? 0 : array.length;
    }

    @Override
    public void im2col(double[] x, int xo, int channels, Window2d g, double[] cols, int co) {
        Im2colF64.im2col(x, xo, channels, g, cols, co);
    }

    @Override
    public void col2im(double[] cols, int co, int channels, Window2d g, double[] x, int xo) {
        Im2colF64.col2im(cols, co, channels, g, x, xo);
    }

    @Override
    public void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, double[] b,
                          int bo, double[] c, int co) {
        ks.gemmBlock(ta, tb, m, n, k, a, ao, b, bo, c, co, false, 0, m, 0, n);
    }

    @Override
    public void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, double[] b, int bo, double[] c,
                     int co, boolean acc) {
        Gemm.gemm(ta, tb, m, n, k, a, ao, b, bo, c, co, acc);
    }

    @Override
    public void addRowBias(double[] y, int yo, double[] b, int bo, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double v = b[bo + r];
            for (int i = yo + r * cols, end = i + cols; i < end; i++) {
                y[i] += v;
            }
        }
    }
}
