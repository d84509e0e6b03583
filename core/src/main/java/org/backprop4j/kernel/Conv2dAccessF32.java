package org.backprop4j.kernel;

/**
 * The {@link Conv2dKernels} steps on float arrays.
 * <p>float32 template of the float64 twin {@link Conv2dAccessF64}, which TwinGenerator (core/src/test) generates.
 */
final class Conv2dAccessF32 implements Conv2dAccess<float[]> {
    @Override
    public int length(float[] array) {
        return array == null ? 0 : array.length;
    }

    @Override
    public void im2col(float[] x, int xo, int channels, Window2d g, float[] cols, int co) {
        Im2col.im2col(x, xo, channels, g, cols, co);
    }

    @Override
    public void col2im(float[] cols, int co, int channels, Window2d g, float[] x, int xo) {
        Im2col.col2im(cols, co, channels, g, x, xo);
    }

    @Override
    public void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, float[] b,
                          int bo, float[] c, int co) {
        ks.gemmBlock(ta, tb, m, n, k, a, ao, b, bo, c, co, false, 0, m, 0, n);
    }

    @Override
    public void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, float[] b, int bo, float[] c,
                     int co, boolean acc) {
        Gemm.gemm(ta, tb, m, n, k, a, ao, b, bo, c, co, acc);
    }

    @Override
    public void addRowBias(float[] y, int yo, float[] b, int bo, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float v = b[bo + r];
            for (int i = yo + r * cols, end = i + cols; i < end; i++) {
                y[i] += v;
            }
        }
    }
}
