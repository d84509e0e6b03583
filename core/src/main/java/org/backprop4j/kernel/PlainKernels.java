package org.backprop4j.kernel;

/**
 * The plain-Java kernel set: the fallback when the {@code jdk.incubator.vector} module is absent,
 * and the scalar reference of every element-wise kernel. The GEMM is {@link PlainGemm}, whose
 * summation order is that of the Vector API kernels, so both sets give bit-identical GEMM results.
 */
class PlainKernels extends KernelSet {

    @Override
    String name() {
        return "plain";
    }

    @Override
    int columnUnit() {
        return 16;
    }

    @Override
    void gemmBlock(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                   float[] c, int cOff, boolean accumulate, int i0, int i1, int j0, int j1) {
        Scratch.get().plainGemmF.gemm(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, i0, i1, j0, j1);
    }

    @Override
    void gemmBlock(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                   double[] c, int cOff, boolean accumulate, int i0, int i1, int j0, int j1) {
        Scratch.get().plainGemmD.gemm(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, i0, i1, j0, j1);
    }

    @Override
    void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] + y[yo + i];
        }
    }

    @Override
    void biasAct(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int xr = xo + r * cols;
            int or = oo + r * cols;
            for (int c = 0; c < cols; c++) {
                float v = x[xr + c] + bias[bo + c];
                out[or + c] = relu ? (v > 0 ? v : 0f) : v;
            }
        }
    }

    @Override
    void reluBackward(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = y[yo + i] > 0 ? g[go + i] : 0f;
        }
    }

    @Override
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    @Override
    void unsignedBytesToFloats(byte[] src, int so, float[] out, int oo, int n, float divisor) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (src[so + i] & 0xff) / divisor;
        }
    }

    @Override
    void columnSums(float[] x, int xo, int rows, int cols, int ld, float[] out, int oo, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, oo, oo + cols, 0f);
        }
        for (int r = 0; r < rows; r++) {
            int xr = xo + r * ld;
            for (int c = 0; c < cols; c++) {
                out[oo + c] += x[xr + c];
            }
        }
    }
}
