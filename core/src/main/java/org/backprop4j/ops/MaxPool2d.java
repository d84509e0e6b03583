package org.backprop4j.ops;

import org.backprop4j.kernel.Pool2dKernels;
import org.backprop4j.kernel.Pool2dKernelsF64;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/**
 * Max pooling: each output is the largest value of its window, padding counting as -inf. The
 * derivative is 1 for the window's first maximum in row-major order (PyTorch's tie rule), 0 elsewhere.
 */
public final class MaxPool2d extends Pool2d implements LocalDerivatives {
    /** Each output's winner: its flat index within the input plane, kept by the forward pass for the backward pass. */
    private NDArray where;

    /** Max pooling with the given kernel, stride and padding (height, width). */
    public MaxPool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        super(kh, kw, sh, sw, ph, pw);
    }

    @Override
    protected void forward(float[] in, float[] out) {
        where = NDArray.forOverwrite(DType.FLOAT32, out.length);
        Pool2dKernels.maxForward(in, planes, window, out, where.floatData());
    }

    @Override
    protected void forward(double[] in, double[] out) {
        where = NDArray.forOverwrite(DType.FLOAT64, out.length);
        Pool2dKernelsF64.maxForward(in, planes, window, out, where.doubleData());
    }

    // dx[argmax of window] += dy[window]
    @Override
    protected void backward(float[] dy, float[] dx) {
        Pool2dKernels.maxBackward(where.floatData(), dy, planes, window, dx);
    }

    @Override
    protected void backward(double[] dy, double[] dx) {
        Pool2dKernelsF64.maxBackward(where.doubleData(), dy, planes, window, dx);
    }

    /** Output a has partial 1 to its window's winner and 0 to the rest. */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int plane = a / window.outPlane() * window.inPlane();
        int r = a % window.outPlane() / window.outW();
        int q = a % window.outW();
        int winner = plane + (x.dtype() == DType.FLOAT32 ? Pool2dKernels.argmax(x.floatData(), plane, window, r, q)
                : Pool2dKernelsF64.argmax(x.doubleData(), plane, window, r, q));
        out.add(new Partial(0, winner, 1, "1", MathText.EMPTY,
                MathText.of(MathText.text("max pooling: the window's maximum is "), MathText.number(x.get(winner)))));
        return true;
    }
}
