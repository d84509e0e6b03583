package org.backprop4j.kernel;

/** The element-type-specific steps of the {@link Conv2dKernels} driver. */
interface Conv2dAccess<A> {
    /** Length of {@code array}, 0 for null. */
    int length(A array);

    /** Rows {@code [row0, row1)} of {@link Im2col#im2col} on this element type. */
    void im2col(A x, int xo, Window2d g, A cols, int co, int row0, int row1);

    /** {@link Im2col#col2im} on this element type. */
    void col2im(KernelSet ks, A cols, int co, int channels, Window2d g, A x, int xo);

    /** Rows [i0,i1) and columns [j0,j1) of {@code C (+)= op(A)·op(B)} on the calling thread ({@link KernelSet#gemmBlock}). */
    default void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, A a, int ao, A b, int bo, A c,
                           int co, boolean acc, int i0, int i1, int j0, int j1) {
        gemmBlock(ks, ta, tb, m, n, k, a, ao, b, bo, c, co, acc, null, 0, i0, i1, j0, j1);
    }

    /** The same, C's row i starting at {@code rowBias[biasOff + i]} when rowBias is not null and not acc ({@link KernelSet#gemmBlock}). */
    void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, A a, int ao, A b, int bo, A c, int co,
                   boolean acc, A rowBias, int biasOff, int i0, int i1, int j0, int j1);

    /** {@link DirectConvLoopsF32#pad} on this element type: channels planes of x with their padding at {@code xp[po..]}. */
    void pad(A x, int xo, int channels, Window2d g, A xp, int po);

    /** {@code xp[from..to) = value}. */
    void fill(A xp, int from, int to, int value);

    /** {@link KernelSet#directForward} on this element type. */
    void directForward(KernelSet ks, A xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, A w, int wo,
                       int og, A b, int bo, A y, int yo);

    /** {@link KernelSet#directWeightGradient} on this element type. */
    void directWeightGradient(KernelSet ks, A xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, A dy,
                              int dyo, int og, A lanes, int lo, boolean acc);

    /**
     * {@code into[io + k] = lanes[lo + k·chains] + lanes[lo + k·chains + 1] + ...} for k in [0, n): each element's
     * chains summed in ascending order.
     */
    void sumChains(A lanes, int lo, int n, int chains, A into, int io);

    /** {@code into[io + i] += from[fo + i]} for i in [0, n) ({@link KernelSet#add}). */
    void addInto(KernelSet ks, A into, int io, A from, int fo, int n);

    /** {@code dst[dOff + c·rows + r] = src[so + r·cols + c]}: the transpose of a rows x cols matrix. */
    void transpose(A src, int so, int rows, int cols, A dst, int dOff);

    /**
     * {@code x[from .. from+n)} summed in double in eight interleaved chains: a fixed order, and enough chains to
     * cover the adders' latency (conv2's bias gradient 0.46 ms against 0.55 or more with four, docs/BENCHMARKS.md).
     */
    double planeSum(A x, int from, int n);

    /** {@link WinogradLoopsF32#weights} on this element type. */
    void winogradWeights(A w, int wo, int cin, int cout, boolean rotated, A u, int uo);

    /** {@link WinogradLoopsF32#input} on this element type. */
    void winogradInput(KernelSet ks, A x, int xo, int channels, int inH, int inW, int ph, int pw, int tilesH, int tilesW, A pad,
                       int po, A v, int vo, int ld, int t0);

    /** {@link WinogradLoopsF32#output} on this element type. */
    void winogradOutput(KernelSet ks, A m, int mo, int channels, int ld, int images, int tilesW, int outH, int outW, A bias,
                        int biasAt, A y, int yo, int yImage, A buf, int bo);

    /** {@code into[io + i] = sums[i]} for i in [0, n), rounded to this element type. */
    void store(double[] sums, int n, A into, int io);

    /** {@link WinogradGradientLoopsF32#outputGradient} on this element type. */
    void winogradOutputGradient(KernelSet ks, A dy, int dyo, int dyImage, int channels, int images, int tilesW, int outH, int outW,
                                A buf, int bo, int rowStride, A dm, int mo, int ld,
                                int xiStride);

    /** {@link WinogradGradientLoopsF32#weights} on this element type. */
    void winogradWeightGradient(A du, int uo, int cin, int cout, A dw, int wo);
}
