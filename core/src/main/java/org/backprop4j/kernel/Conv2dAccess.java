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

    /** {@code into[io + i] += from[fo + i]} for i in [0, n) ({@link KernelSet#add}). */
    void addInto(KernelSet ks, A into, int io, A from, int fo, int n);

    /** {@code dst[dOff + c·rows + r] = src[so + r·cols + c]}: the transpose of a rows x cols matrix. */
    void transpose(A src, int so, int rows, int cols, A dst, int dOff);

    /**
     * {@code x[from .. from+n)} summed in double in eight interleaved chains: a fixed order, and enough chains to
     * cover the adders' latency (conv2's bias gradient 0.46 ms against 0.55 or more with four, docs/BENCHMARKS.md).
     */
    double planeSum(A x, int from, int n);
}
