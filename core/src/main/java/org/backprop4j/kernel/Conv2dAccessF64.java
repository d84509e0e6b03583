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
    public void im2col(double[] x, int xo, Window2d g, double[] cols, int co, int row0, int row1) {
        Im2colF64.im2col(x, xo, g, cols, co, row0, row1);
    }

    @Override
    public void col2im(KernelSet ks, double[] cols, int co, int channels, Window2d g, double[] x, int xo) {
        Im2colF64.col2im(ks, cols, co, channels, g, x, xo);
    }

    @Override
    public void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, double[] b,
                          int bo, double[] c, int co, boolean acc, double[] rowBias, int biasOff, int i0, int i1, int j0,
                          int j1) {
        ks.gemmBlock(ta, tb, m, n, k, a, ao, b, bo, c, co, acc, rowBias, biasOff, i0, i1, j0, j1);
    }

    @Override
    public void pad(double[] x, int xo, int channels, Window2d g, double[] xp, int po) {
        DirectConvLoopsF64.pad(x, xo, channels, g, xp, po);
    }

    @Override
    public void fill(double[] xp, int from, int to, int value) {
        java.util.Arrays.fill(xp, from, to, value);
    }

    @Override
    public void directForward(KernelSet ks, double[] xp, int xpo, int[] taps, int patch, int rowStep, int outH,
                              int outW, double[] w, int wo, int og, double[] b, int bo, double[] y, int yo) {
        ks.directForward(xp, xpo, taps, patch, rowStep, outH, outW, w, wo, og, b, bo, y, yo);
    }

    @Override
    public void directWeightGradient(KernelSet ks, double[] xp, int xpo, int[] taps, int patch, int rowStep, int outH,
                                     int outW, double[] dy, int dyo, int og, double[] lanes, int lo, boolean acc) {
        ks.directWeightGradient(xp, xpo, taps, patch, rowStep, outH, outW, dy, dyo, og, lanes, lo, acc);
    }

    @Override
    public void sumChains(double[] lanes, int lo, int n, int chains, double[] into, int io) {
        for (int k = 0; k < n; k++) {
            double sum = lanes[lo + k * chains];
            for (int l = 1; l < chains; l++) {
                sum += lanes[lo + k * chains + l];
            }
            into[io + k] = sum;
        }
    }

    @Override
    public void addInto(KernelSet ks, double[] into, int io, double[] from, int fo, int n) {
        ks.add(into, io, from, fo, into, io, n);
    }

    @Override
    public void transpose(double[] src, int so, int rows, int cols, double[] dst, int dOff) {
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
    public double planeSum(double[] x, int from, int n) {
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
    public void winogradWeights(double[] w, int wo, int cin, int cout, boolean rotated, double[] u, int uo) {
        WinogradLoopsF64.weights(w, wo, cin, cout, rotated, u, uo);
    }

    @Override
    public void winogradInput(KernelSet ks, double[] x, int xo, int channels, int inH, int inW, int ph, int pw, int tilesH,
                              int tilesW, double[] pad, int po, double[] v, int vo, int ld, int t0) {
        WinogradLoopsF64.input(ks, x, xo, channels, inH, inW, ph, pw, tilesH, tilesW, pad, po, v, vo, ld, t0);
    }

    @Override
    public void winogradOutput(KernelSet ks, double[] m, int mo, int channels, int ld, int images, int tilesW, int outH, int outW,
                               double[] bias, int biasAt, double[] y, int yo, int yImage, double[] buf, int bo) {
        WinogradLoopsF64.output(ks, m, mo, channels, ld, images, tilesW, outH, outW, bias, biasAt, y, yo, yImage, buf, bo);
    }

    @Override
    public void store(double[] sums, int n, double[] into, int io) {
        for (int i = 0; i < n; i++) {
            into[io + i] = sums[i];
        }
    }

    @Override
    public void winogradOutputGradient(KernelSet ks, double[] dy, int dyo, int dyImage, int channels, int images, int tilesW, int outH,
                                       int outW, double[] buf, int bo, int rowStride, double[] dm, int mo, int ld,
                                       int xiStride) {
        WinogradGradientLoopsF64.outputGradient(ks, dy, dyo, dyImage, channels, images, tilesW, outH, outW, buf, bo, rowStride,
                dm, mo, ld, xiStride);
    }

    @Override
    public void winogradWeightGradient(double[] du, int uo, int cin, int cout, double[] dw, int wo) {
        WinogradGradientLoopsF64.weights(du, uo, cin, cout, dw, wo);
    }
}
