package org.backprop4j.kernel;

/**
 * One complete set of kernels (the service interface behind the static facades): the plain-Java
 * set, or the Vector API set that extends it. Every method works on a caller-given region and
 * never splits work across threads; the facades do that.
 */
abstract class KernelSet {

    /** A short name for logs and benchmark reports: {@code "vector"} or {@code "plain"}. */
    abstract String name();

    /**
     * Column splits across threads are multiples of this many columns (the vector width, so that
     * every part but the last is made of whole vectors; a part's edge panel uses a narrower tile).
     */
    abstract int columnUnit();

    /**
     * Computes rows {@code [i0,i1)} and columns {@code [j0,j1)} of {@code C (+)= op(A)·op(B)}; called
     * (by {@link Gemm}) only for a non-empty block and {@code k > 0}.
     */
    final void gemmBlock(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                         float[] c, int cOff, boolean accumulate, int i0, int i1, int j0, int j1) {
        gemmBlock(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, null, 0, i0, i1, j0, j1);
    }

    /**
     * {@link #gemmBlock(boolean, boolean, int, int, int, float[], int, float[], int, float[], int, boolean, int, int, int, int)}
     * where, without {@code accumulate}, a {@code rowBias} (null for none) starts row i of C at
     * {@code rowBias[biasOff + i]}: the first K block's sums are added to it as they would be to a C filled with it
     * (the same float add, so the same bits), without the pass that fills C.
     */
    abstract void gemmBlock(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                            float[] c, int cOff, boolean accumulate, float[] rowBias, int biasOff, int i0, int i1,
                            int j0, int j1);

    /** Double-precision {@link #gemmBlock(boolean, boolean, int, int, int, float[], int, float[], int, float[], int, boolean, int, int, int, int)}. */
    final void gemmBlock(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                         double[] c, int cOff, boolean accumulate, int i0, int i1, int j0, int j1) {
        gemmBlock(ta, tb, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, null, 0, i0, i1, j0, j1);
    }

    /** Double-precision {@link #gemmBlock(boolean, boolean, int, int, int, float[], int, float[], int, float[], int, boolean, float[], int, int, int, int, int)}. */
    abstract void gemmBlock(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                            double[] c, int cOff, boolean accumulate, double[] rowBias, int biasOff, int i0, int i1,
                            int j0, int j1);

    /**
     * Whether this set has direct-convolution kernels worth taking ({@link DirectConv2d}): the Vector API set with
     * 16-lane vectors (one strip of the weight gradient's chains). The plain set's loops below are its reference in
     * the tests; as the path it took conv1's forward pass 14 ms and its weight gradient 39 against 2.5 and 16 through
     * the GEMM, so it keeps the GEMM. With 8 lanes (AVX2) the weight gradient has no vector kernel either.
     */
    abstract boolean directConv2d();

    /**
     * Direct convolution of one image's group ({@link DirectConv2d}) from its padded copy at {@code xp[xpo..]}:
     * {@code y[yo + o·outH·outW + r·outW + q]} for o in [0, og) starts at {@code b[bo + o]} (0 when b is null) and
     * adds {@code fma(xp[xpo + taps[t] + r·rowStep + q], w[wo + o·patch + t], .)} for t in ascending order.
     */
    abstract void directForward(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                                float[] w, int wo, int og, float[] b, int bo, float[] y, int yo);

    /** Double-precision {@link #directForward(float[], int, int[], int, int, int, int, float[], int, int, float[], int, float[], int)}. */
    abstract void directForward(double[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                                double[] w, int wo, int og, double[] b, int bo, double[] y, int yo);

    /**
     * One image's group added to the weight gradient's chains ({@link DirectConv2d}):
     * {@code lanes[lo + (o·patch + t)·CHAINS + l] = fma(dy_o(r, q), xp[xpo + taps[t] + r·rowStep + q], .)} for the
     * positions q of chain l in each row r, rows in ascending order ({@link DirectConvLoopsF32#weightGradient} spells
     * the order out); the chains start from 0 unless {@code acc}. dy's planes are {@code outH x outW} from
     * {@code dyo}, one per output channel of the group.
     */
    abstract void directWeightGradient(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                                       float[] dy, int dyo, int og, float[] lanes, int lo, boolean acc);

    /** Double-precision {@link #directWeightGradient(float[], int, int[], int, int, int, int, float[], int, int, float[], int, boolean)}. */
    abstract void directWeightGradient(double[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                                       double[] dy, int dyo, int og, double[] lanes, int lo, boolean acc);

    /** {@code out[i] = x[i] + y[i]}. */
    abstract void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n);

    /** Double-precision {@link #add(float[], int, float[], int, float[], int, int)}. */
    abstract void add(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n);

    /** {@code x[xo + i] = ((x[xo + i] + c[c0 + i]) + c[c1 + i]) + c[c2 + i]}, three runs added in this order. */
    abstract void addThree(float[] x, int xo, float[] c, int c0, int c1, int c2, int n);

    /** Double-precision {@link #addThree(float[], int, float[], int, int, int, int)}. */
    abstract void addThree(double[] x, int xo, double[] c, int c0, int c1, int c2, int n);

    /**
     * The input transform of one channel's tiles ({@link WinogradConv2d}): the 16 rows
     * {@code v[vo + xi·stride + t] = (B^T d_t B)[xi]} for t in [0, count) from the channel's four phase planes at
     * {@code p[po..]} ({@link WinogradLoopsF32#inputRows} is the definition: each set gives its bits).
     */
    abstract void winogradInput(float[] p, int po, int rowStep, int phase, float[] v, int vo, int stride, int count);

    /** Double-precision {@link #winogradInput(float[], int, int, int, float[], int, int, int)}. */
    abstract void winogradInput(double[] p, int po, int rowStep, int phase, double[] v, int vo, int stride, int count);

    /**
     * The output transform of one channel's tiles ({@link WinogradConv2d}): {@code buf[bo + (2a + b)·ld + t] =
     * (A^T M_t A)[a][b] + bias} for t in [0, count), {@code M_t[xi] = m[mo + xi·stride + t]}
     * ({@link WinogradLoopsF32#outputRows} is the definition).
     */
    abstract void winogradOutput(float[] m, int mo, int stride, int count, float bias, float[] buf, int bo, int ld);

    /** Double-precision {@link #winogradOutput(float[], int, int, int, float, float[], int, int)}. */
    abstract void winogradOutput(double[] m, int mo, int stride, int count, double bias, double[] buf, int bo, int ld);

    /**
     * The output gradient's transform of one channel's tiles ({@link WinogradWeightGradient}): {@code dm[mo + xi·stride
     * + t] = (A Y_t A^T)[xi]} for t in [0, count), {@code Y_t[a][b] = buf[bo + (2a + b)·ld + t]}
     * ({@link WinogradGradientLoopsF32#outputGradientRows} is the definition).
     */
    abstract void winogradOutputGradient(float[] buf, int bo, int ld, float[] dm, int mo, int stride, int count);

    /** Double-precision {@link #winogradOutputGradient(float[], int, int, float[], int, int, int)}. */
    abstract void winogradOutputGradient(double[] buf, int bo, int ld, double[] dm, int mo, int stride, int count);

    /** {@code out[r,c] = x[r,c] + bias[c]}, then {@code max(0, .)} when {@code relu}; out may be x. */
    abstract void biasAct(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols, boolean relu);

    /** {@code out[i] = y[i] > 0 ? g[i] : 0}: the ReLU backward pass given its output y. */
    abstract void reluBackward(float[] g, int go, float[] y, int yo, float[] out, int oo, int n);

    /** {@code y[i] = fma(alpha, x[i], y[i])}. */
    abstract void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /** {@code out[i] = (src[i] & 0xff) / divisor} (unsigned bytes to floats, one IEEE float division each). */
    abstract void unsignedBytesToFloats(byte[] src, int so, float[] out, int oo, int n, float divisor);

    /** {@code out[c] (+)= sum over r of x[r,c]} for c in [0, cols), rows {@code ld} apart, summed in ascending order. */
    abstract void columnSums(float[] x, int xo, int rows, int cols, int ld, float[] out, int oo, boolean accumulate);

    /**
     * Elements {@code [from, to)} of one Adam/AdamW update (the rule of {@link AdamCoefficients}); vmax null
     * without AMSGrad. With a {@code twin} (arrays shaped as p) the step can be undone exactly: the old p is
     * kept in {@code twin[0]} before p is updated in place, and the new m, v and vmax are written to
     * {@code twin[1]}, {@code [2]} and {@code [3]} (the other half of a double buffer), leaving m, v and vmax
     * as they were. Returns true when every new value of p, m and v is finite (tested in registers).
     */
    abstract boolean adam(float[] p, float[] g, float[] m, float[] v, float[] vmax, float[][] twin, int from, int to,
                          AdamCoefficients c);

    /** Double-precision {@link #adam(float[], float[], float[], float[], float[], float[][], int, int, AdamCoefficients)}. */
    abstract boolean adam(double[] p, double[] g, double[] m, double[] v, double[] vmax, double[][] twin, int from,
                          int to, AdamCoefficients c);

    /**
     * Max pooling's forward pass ({@link Pool2dKernels#maxForward}: values into y, each winner's flat
     * index within its plane into where; of {@code max(0, x)} with {@code relu}) over planes {@code [p0, p1)} of x, for 2x2 windows of stride 2
     * without padding or dilation; false when this set has no kernel of its own for it (the caller's
     * scalar scan then does the work).
     */
    abstract boolean maxPool2x2(float[] x, Window2d g, boolean relu, int p0, int p1, float[] y, float[] where);

    /** Double-precision {@link #maxPool2x2(float[], Window2d, boolean, int, int, float[], float[])}. */
    abstract boolean maxPool2x2(double[] x, Window2d g, boolean relu, int p0, int p1, double[] y, double[] where);

    /**
     * Max pooling's backward pass ({@link Pool2dKernels#maxBackward}: overwrites planes {@code [p0, p1)} of dx) for
     * halving windows ({@link Window2d#halving}); false when this set has no kernel of its own for it (the caller's
     * scalar scatter then does the work).
     */
    abstract boolean maxBackward2x2(float[] where, float[] dy, float[] y, Window2d g, int p0, int p1, float[] dx);

    /** Double-precision {@link #maxBackward2x2(float[], float[], float[], Window2d, int, int, float[])}. */
    abstract boolean maxBackward2x2(double[] where, double[] dy, double[] y, Window2d g, int p0, int p1, double[] dx);

    /** True when {@code x[off..off+n)} holds no NaN and no infinity. */
    abstract boolean allFinite(float[] x, int off, int n);

    /**
     * Elements {@code [from, to)} of one SGD update (the rule of {@link SgdCoefficients}); buf is null without
     * momentum. With a {@code twin}, the old p is kept in {@code twin[0]} and the new buf written to
     * {@code twin[1]} (buf is left as it was). Returns true when every new value of p and buf is finite.
     */
    abstract boolean sgd(float[] p, float[] g, float[] buf, float[][] twin, int from, int to, SgdCoefficients c);

    /** Double-precision {@link #sgd(float[], float[], float[], float[][], int, int, SgdCoefficients)}. */
    abstract boolean sgd(double[] p, double[] g, double[] buf, double[][] twin, int from, int to, SgdCoefficients c);
}
