package org.backprop4j.kernel;

/** The element-type-specific steps of the {@link Conv2dKernels} driver. */
interface Conv2dAccess<A> {
    /** Length of {@code array}, 0 for null. */
    int length(A array);

    /** {@link Im2col#im2col} on this element type. */
    void im2col(A x, int xo, int channels, Window2d g, A cols, int co);

    /** {@link Im2col#col2im} on this element type. */
    void col2im(A cols, int co, int channels, Window2d g, A x, int xo);

    /** {@code C = op(A)·op(B)} on the calling thread. */
    void gemmBlock(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, A a, int ao, A b, int bo, A c, int co);

    /** {@code C (+)= op(A)·op(B)} through {@link Gemm} (split over the pool by output columns or rows). */
    void gemm(boolean ta, boolean tb, int m, int n, int k, A a, int ao, A b, int bo, A c, int co, boolean acc);

    /** {@code y[yo + r·cols + c] += b[bo + r]} for r in [0, rows). */
    void addRowBias(A y, int yo, A b, int bo, int rows, int cols);
}
