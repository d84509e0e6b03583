package org.backprop4j.ops;

import org.backprop4j.kernel.Pool2dKernels;

/**
 * Max pooling: each output is the largest value of its window, padding counting as -inf. The
 * derivative is 1 for the window's first maximum in row-major order (PyTorch's tie rule), 0 elsewhere.
 */
public final class MaxPool2d extends Pool2d {
    /** Max pooling with the given kernel, stride and padding (height, width). */
    public MaxPool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        super(kh, kw, sh, sw, ph, pw);
    }

    @Override
    protected void forward(float[] in, float[] out) {
        Pool2dKernels.maxForward(in, planes, window, out);
    }

    @Override
    protected void forward(double[] in, double[] out) {
        Pool2dKernels.maxForward(in, planes, window, out);
    }

    // dx[argmax of window] += dy[window]
    @Override
    protected void backward(float[] dy, float[] dx) {
        Pool2dKernels.maxBackward(x.floatData(), dy, planes, window, dx);
    }

    @Override
    protected void backward(double[] dy, double[] dx) {
        Pool2dKernels.maxBackward(x.doubleData(), dy, planes, window, dx);
    }
}
