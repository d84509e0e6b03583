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
                   float[] c, int cOff, boolean accumulate, float[] rowBias, int biasOff, int i0, int i1, int j0, int j1) {
        Scratch.get().plainGemmF.gemm(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, rowBias, biasOff, i0, i1,
                j0, j1);
    }

    @Override
    void gemmBlock(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                   double[] c, int cOff, boolean accumulate, double[] rowBias, int biasOff, int i0, int i1, int j0,
                   int j1) {
        Scratch.get().plainGemmD.gemm(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, rowBias, biasOff, i0, i1,
                j0, j1);
    }

    @Override
    void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] + y[yo + i];
        }
    }

    @Override
    void add(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] + y[yo + i];
        }
    }

    @Override
    void addThree(float[] x, int xo, float[] c, int c0, int c1, int c2, int n) {
        for (int i = 0; i < n; i++) {
            x[xo + i] = x[xo + i] + c[c0 + i] + c[c1 + i] + c[c2 + i];
        }
    }

    @Override
    void addThree(double[] x, int xo, double[] c, int c0, int c1, int c2, int n) {
        for (int i = 0; i < n; i++) {
            x[xo + i] = x[xo + i] + c[c0 + i] + c[c1 + i] + c[c2 + i];
        }
    }

    @Override
    void winogradInput(float[] p, int po, int rowStep, int phase, float[] v, int vo, int stride, int count) {
        WinogradLoopsF32.inputRows(p, po, rowStep, phase, v, vo, stride, 0, count);
    }

    @Override
    void winogradInput(double[] p, int po, int rowStep, int phase, double[] v, int vo, int stride, int count) {
        WinogradLoopsF64.inputRows(p, po, rowStep, phase, v, vo, stride, 0, count);
    }

    @Override
    void winogradOutput(float[] m, int mo, int stride, int count, float bias, float[] buf, int bo, int ld) {
        WinogradLoopsF32.outputRows(m, mo, stride, bias, buf, bo, ld, 0, count);
    }

    @Override
    void winogradOutput(double[] m, int mo, int stride, int count, double bias, double[] buf, int bo, int ld) {
        WinogradLoopsF64.outputRows(m, mo, stride, bias, buf, bo, ld, 0, count);
    }

    @Override
    void winogradOutputGradient(float[] buf, int bo, int ld, float[] dm, int mo, int stride, int count) {
        WinogradGradientLoopsF32.outputGradientRows(buf, bo, ld, dm, mo, stride, 0, count);
    }

    @Override
    void winogradOutputGradient(double[] buf, int bo, int ld, double[] dm, int mo, int stride, int count) {
        WinogradGradientLoopsF64.outputGradientRows(buf, bo, ld, dm, mo, stride, 0, count);
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
        // out = y > 0 ? g : +0, without a branch on the data (a float select compiles to one, and random
        // signs mispredict half the time): y > 0 exactly when y's bits minus one, unsigned, are below
        // +inf's bits (NaN, zeros and negatives are not), and that borrow is the sign of a long subtraction.
        for (int i = 0; i < n; i++) {
            long belowInfinity = ((Float.floatToRawIntBits(y[yo + i]) - 1) & 0xFFFF_FFFFL) - 0x7F80_0000L;
            int keep = (int) (belowInfinity >> 63);
            out[oo + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[go + i]) & keep);
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

    @Override
    boolean directConv2d() {
        return false;
    }

    @Override
    void directForward(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, float[] w, int wo,
                       int og, float[] b, int bo, float[] y, int yo) {
        DirectConvLoopsF32.forward(xp, xpo, taps, patch, rowStep, outH, outW, w, wo, og, b, bo, y, yo);
    }

    @Override
    void directForward(double[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, double[] w,
                       int wo, int og, double[] b, int bo, double[] y, int yo) {
        DirectConvLoopsF64.forward(xp, xpo, taps, patch, rowStep, outH, outW, w, wo, og, b, bo, y, yo);
    }

    @Override
    void directWeightGradient(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                              float[] dy, int dyo, int og, float[] lanes, int lo, boolean acc) {
        DirectConvLoopsF32.weightGradient(xp, xpo, taps, patch, rowStep, outH, outW, dy, dyo, og, lanes, lo, acc);
    }

    @Override
    void directWeightGradient(double[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                              double[] dy, int dyo, int og, double[] lanes, int lo, boolean acc) {
        DirectConvLoopsF64.weightGradient(xp, xpo, taps, patch, rowStep, outH, outW, dy, dyo, og, lanes, lo, acc);
    }

    // the plain set has no 2x2 kernel of its own: Pool2dKernels' branch-free scalar scan is the plain one
    @Override
    boolean maxPool2x2(float[] x, Window2d g, boolean relu, int p0, int p1, float[] y, float[] where) {
        return false;
    }

    @Override
    boolean maxPool2x2(double[] x, Window2d g, boolean relu, int p0, int p1, double[] y, double[] where) {
        return false;
    }

    // nor of its own 2x2 backward pass: Pool2dKernels' scatter (zeros, then one add per window) is the plain one
    @Override
    boolean maxBackward2x2(float[] where, float[] dy, float[] y, Window2d g, int p0, int p1, float[] dx) {
        return false;
    }

    @Override
    boolean maxBackward2x2(double[] where, double[] dy, double[] y, Window2d g, int p0, int p1, double[] dx) {
        return false;
    }

    @Override
    boolean allFinite(float[] x, int off, int n) {
        float zeros = 0f;
        for (int i = 0; i < n; i++) {
            zeros += x[off + i] * 0f; // 0 for a finite value, NaN for NaN or ±∞; a NaN stays
        }
        return zeros == 0f;
    }

    /** Float64 Adam runs in chunks of this many elements, the last line by {@link #adamFinish}. */
    private static final int ADAM_STAGE = 512;

    /**
     * Float32 Adam in float32 arithmetic (PyTorch's on float32 tensors), element by element in the order
     * of the Vector API override, which therefore gives the same bits: IEEE multiply, add, divide and
     * square root are correctly rounded either way, and nothing is fused.
     */
    @Override
    boolean adam(float[] p, float[] grad, float[] m, float[] v, float[] vmax, float[][] twin, int from, int to,
                 AdamCoefficients c) {
        float[] pOld = twin == null ? null : twin[0];
        float[] mOut = twin == null ? m : twin[1];
        float[] vOut = twin == null ? v : twin[2];
        float[] vmaxOut = twin == null || vmax == null ? vmax : twin[3];
        float zeros = 0f; // 0 while every new value is finite, NaN after a NaN or ±∞ (x·0)
        for (int j = from; j < to; j++) {
            float pj = p[j];
            if (pOld != null) {
                pOld[j] = pj;
            }
            if (c.decoupled) {
                pj = pj * c.decayF;
            }
            float g = grad[j];
            if (c.l2F != 0) {
                g = g + pj * c.l2F;
            }
            float mj = m[j] * c.beta1F + g * c.oneMinusBeta1F;
            float vj = v[j] * c.beta2F + g * c.oneMinusBeta2F * g;
            mOut[j] = mj;
            vOut[j] = vj;
            zeros += mj * 0f + vj * 0f;
            if (vmax != null) {
                vj = Math.max(vmax[j], vj);
                vmaxOut[j] = vj;
            }
            float denom = (float) Math.sqrt(vj) / c.bc2SqrtF + c.epsF; // the double root of a float, rounded: float sqrt
            float pNew = pj - mj / denom * c.stepSizeF;
            p[j] = pNew;
            zeros += pNew * 0f;
        }
        return zeros == 0f;
    }

    @Override
    final boolean adam(double[] p, double[] grad, double[] m, double[] v, double[] vmax, double[][] twin, int from,
                       int to, AdamCoefficients c) {
        double[] mOut = twin == null ? m : twin[1];
        double[] vOut = twin == null ? v : twin[2];
        double[] vmaxOut = twin == null || vmax == null ? vmax : twin[3];
        double b1 = c.beta1;
        double b2 = c.beta2;
        double c1 = 1 - b1;
        double c2 = 1 - b2;
        double zeros = 0; // 0 while every new value is finite, NaN after a NaN or ±∞ (x·0)
        boolean finite = true;
        for (int j0 = from; j0 < to; j0 += ADAM_STAGE) {
            int j1 = Math.min(to, j0 + ADAM_STAGE);
            if (twin != null) {
                System.arraycopy(p, j0, twin[0], j0, j1 - j0);
            }
            for (int j = j0; j < j1; j++) {
                double pj = p[j];
                if (c.decoupled) {
                    pj = pj * c.decay;
                }
                double g = grad[j];
                if (c.l2 != 0) {
                    g = g + c.l2 * pj;
                }
                double mj = b1 * m[j] + c1 * g;
                double vj = b2 * v[j] + c2 * g * g;
                p[j] = pj;
                mOut[j] = mj;
                vOut[j] = vj;
                zeros += mj * 0 + vj * 0;
                if (vmax != null) {
                    vmaxOut[j] = Math.max(vmax[j], vj);
                }
            }
            finite &= adamFinish(p, mOut, vmax != null ? vmaxOut : vOut, j0, j1, c);
        }
        return finite && zeros == 0;
    }

    /**
     * The last line of the Adam rule in place, for elements {@code [from, to)}:
     * {@code p = p − stepSize · m / (sqrt(v) / bc2Sqrt + ε)} (p already decayed, v the AMSGrad maximum
     * when used); true when every new p is finite.
     */
    private static boolean adamFinish(double[] p, double[] m, double[] v, int from, int to, AdamCoefficients c) {
        double zeros = 0;
        for (int j = from; j < to; j++) {
            double pNew = p[j] - c.stepSize * (m[j] / (Math.sqrt(v[j]) / c.bc2Sqrt + c.eps));
            p[j] = pNew;
            zeros += pNew * 0;
        }
        return zeros == 0;
    }

    /**
     * Float32 SGD in float32 arithmetic, element by element in the order of the Vector API override (same
     * bits). Plain SGD (no momentum, no weight decay) is one fused multiply-add, {@code p = fma(-(float) lr, g, p)}:
     * the arithmetic of PyTorch's {@code p.add_(g, alpha=-lr)}.
     */
    @Override
    boolean sgd(float[] p, float[] grad, float[] buf, float[][] twin, int from, int to, SgdCoefficients c) {
        float[] bufOut = twin == null || buf == null ? buf : twin[1];
        float zeros = 0f; // 0 while every new value is finite, NaN after a NaN or ±∞ (x·0)
        for (int j = from; j < to; j++) {
            float pj = p[j];
            if (twin != null) {
                twin[0][j] = pj;
            }
            float g = grad[j];
            if (c.plain) {
                pj = Math.fma(c.negLrF, g, pj);
            } else {
                if (c.weightDecay != 0) {
                    g = g + pj * c.weightDecayF;
                }
                if (c.momentum != 0) {
                    float b = c.first ? g : buf[j] * c.momentumF + g * c.keepF;
                    bufOut[j] = b;
                    zeros += b * 0f;
                    g = c.nesterov ? g + b * c.momentumF : b;
                }
                pj = pj - g * c.lrF;
            }
            p[j] = pj;
            zeros += pj * 0f;
        }
        return zeros == 0f;
    }

    @Override
    final boolean sgd(double[] p, double[] grad, double[] buf, double[][] twin, int from, int to, SgdCoefficients c) {
        double mu = c.momentum;
        double[] bufOut = twin == null || buf == null ? buf : twin[1];
        double zeros = 0; // 0 while every new value is finite, NaN after a NaN or ±∞ (x·0)
        for (int j = from; j < to; j++) {
            double pj = p[j];
            if (twin != null) {
                twin[0][j] = pj;
            }
            double g = grad[j];
            if (c.weightDecay != 0) {
                g = g + c.weightDecay * pj;
            }
            if (mu != 0) {
                double b = c.first ? g : mu * buf[j] + c.keep * g;
                bufOut[j] = b;
                zeros += b * 0;
                g = c.nesterov ? g + mu * b : b;
            }
            pj = pj - c.lr * g;
            p[j] = pj;
            zeros += pj * 0;
        }
        return zeros == 0;
    }
}
