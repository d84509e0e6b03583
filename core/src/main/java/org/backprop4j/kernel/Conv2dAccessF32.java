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
    public void im2col(float[] x, int xo, Window2d g, float[] cols, int co, int row0, int row1) {
        Im2col.im2col(x, xo, g, cols, co, row0, row1);
    }

    @Override
    public void col2im(KernelSet ks, float[] cols, int co, int channels, Window2d g, float[] x, int xo) {
        Im2col.col2im(ks, cols, co, channels, g, x, xo);
    }

    @Override
    public void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, float[] b,
                          int bo, float[] c, int co, boolean acc, float[] rowBias, int biasOff, int i0, int i1, int j0,
                          int j1) {
        ks.gemmBlock(ta, tb, m, n, k, a, ao, b, bo, c, co, acc, rowBias, biasOff, i0, i1, j0, j1);
    }

    @Override
    public void pad(float[] x, int xo, int channels, Window2d g, float[] xp, int po) {
        DirectConvLoopsF32.pad(x, xo, channels, g, xp, po);
    }

    @Override
    public void fill(float[] xp, int from, int to, int value) {
        java.util.Arrays.fill(xp, from, to, value);
    }

    @Override
    public void directForward(KernelSet ks, float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH,
                              int outW, float[] w, int wo, int og, float[] b, int bo, float[] y, int yo) {
        ks.directForward(xp, xpo, taps, patch, rowStep, outH, outW, w, wo, og, b, bo, y, yo);
    }

    @Override
    public void directWeightGradient(KernelSet ks, float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH,
                                     int outW, float[] dy, int dyo, int og, float[] lanes, int lo, boolean acc) {
        ks.directWeightGradient(xp, xpo, taps, patch, rowStep, outH, outW, dy, dyo, og, lanes, lo, acc);
    }

    @Override
    public void sumChains(float[] lanes, int lo, int n, int chains, float[] into, int io) {
        for (int k = 0; k < n; k++) {
            float sum = lanes[lo + k * chains];
            for (int l = 1; l < chains; l++) {
                sum += lanes[lo + k * chains + l];
            }
            into[io + k] = sum;
        }
    }

    @Override
    public void addInto(KernelSet ks, float[] into, int io, float[] from, int fo, int n) {
        ks.add(into, io, from, fo, into, io, n);
    }

    @Override
    public void transpose(float[] src, int so, int rows, int cols, float[] dst, int dOff) {
        // 16 rows at a time: each column's 16 values fill one run of dst while 16 rows of src are read in order
        for (int r0 = 0; r0 < rows; r0 += 16) {
            int r1 = Math.min(rows, r0 + 16);
            for (int c = 0; c < cols; c++) {
                for (int r = r0, d = dOff + c * rows + r0; r < r1; r++, d++) {
                    dst[d] = src[so + r * cols + c];
                }
            }
        }
    }

    @Override
    public double planeSum(float[] x, int from, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = from;
        for (int end = from + n - 7; i < end; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < from + n; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public void winogradWeights(float[] w, int wo, int cin, int cout, boolean rotated, float[] u, int uo) {
        WinogradLoopsF32.weights(w, wo, cin, cout, rotated, u, uo);
    }

    @Override
    public void winogradInput(KernelSet ks, float[] x, int xo, int channels, int inH, int inW, int ph, int pw, int tilesH,
                              int tilesW, float[] pad, int po, float[] v, int vo, int ld, int t0) {
        WinogradLoopsF32.input(ks, x, xo, channels, inH, inW, ph, pw, tilesH, tilesW, pad, po, v, vo, ld, t0);
    }

    @Override
    public void winogradOutput(KernelSet ks, float[] m, int mo, int channels, int ld, int images, int tilesW, int outH, int outW,
                               float[] bias, int biasAt, float[] y, int yo, int yImage, float[] buf, int bo) {
        WinogradLoopsF32.output(ks, m, mo, channels, ld, images, tilesW, outH, outW, bias, biasAt, y, yo, yImage, buf, bo);
    }

    @Override
    public void store(double[] sums, int n, float[] into, int io) {
        for (int i = 0; i < n; i++) {
            into[io + i] = (float) sums[i];
        }
    }

    @Override
    public void winogradOutputGradient(KernelSet ks, float[] dy, int dyo, int dyImage, int channels, int images, int tilesW, int outH,
                                       int outW, float[] buf, int bo, int rowStride, float[] dm, int mo, int ld,
                                       int xiStride) {
        WinogradGradientLoopsF32.outputGradient(ks, dy, dyo, dyImage, channels, images, tilesW, outH, outW, buf, bo, rowStride,
                dm, mo, ld, xiStride);
    }

    @Override
    public void winogradWeightGradient(float[] du, int uo, int cin, int cout, float[] dw, int wo) {
        WinogradGradientLoopsF32.weights(du, uo, cin, cout, dw, wo);
    }
}
