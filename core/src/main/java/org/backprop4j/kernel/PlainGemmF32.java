package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * The {@link PlainGemm} loop nest on float arrays: binds them and supplies the primitive-specific inner loops.
 * <p>float32 template of the float64 twin {@link PlainGemmF64}, which TwinGenerator (core/src/test) generates.
 */
final class PlainGemmF32 extends PlainGemm {
    private float[] a;
    private float[] b;
    private float[] c;
    private float[] bias;
    private int biasOff;
    private float[][] pack = new float[0][];
    private float[][] acc = new float[0][];

    /** Binds the arrays, runs {@link #run}, and unbinds them so the thread keeps no caller's data. */
    void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
              float[] c, int cOff, boolean accumulate, float[] rowBias, int rowBiasOff, int i0, int i1, int j0, int j1) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.bias = rowBias;
        this.biasOff = rowBiasOff;
        try {
            run(ta, tb, m, n, k, aOff, bOff, cOff, accumulate, i0, i1, j0, j1);
        } finally {
            this.a = null;
            this.b = null;
            this.c = null;
            this.bias = null;
        }
    }

    @Override
    void reserve(int packRows, int accRows, int w) {
        pack = Scratch.grow(pack, packRows, w);
        acc = Scratch.grow(acc, accRows, w);
    }

    @Override
    void clearAccumulators(int rows, int w) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(acc[r], 0, w, 0f);
        }
    }

    @Override
    void packRow(int p, int src, int w) {
        System.arraycopy(b, src, pack[p], 0, w);
    }

    @Override
    void packTransposed(int src, int k, int qc, int w) {
        for (int j = 0; j < w; j++) {
            int s = src + j * k;
            for (int p = 0; p < qc; p++) {
                pack[p][j] = b[s + p];
            }
        }
    }

    @Override
    void multiplyAdd(int r, int ap, int acs, int qc, int w) {
        float[] row = acc[r];
        for (int p = 0; p < qc; p++) {
            float av = a[ap];
            ap += acs;
            float[] bp = pack[p];
            for (int j = 0; j < w; j++) {
                row[j] = Math.fma(av, bp[j], row[j]);
            }
        }
    }

    @Override
    void store(int r, int ci, int w, boolean add, int i) {
        float[] row = acc[r];
        if (add) {
            for (int j = 0; j < w; j++) {
                c[ci + j] += row[j];
            }
        } else if (bias != null) {
            float start = bias[biasOff + i];
            for (int j = 0; j < w; j++) {
                c[ci + j] = start + row[j];
            }
        } else {
            System.arraycopy(row, 0, c, ci, w);
        }
    }
}
