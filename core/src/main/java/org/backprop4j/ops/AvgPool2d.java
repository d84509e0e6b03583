package org.backprop4j.ops;

import org.backprop4j.kernel.Pool2dKernels;
import org.backprop4j.kernel.Pool2dKernelsF64;

/**
 * Average pooling with the zero padding counted (PyTorch's {@code count_include_pad=True}): each
 * output is its window's sum divided by {@code kh · kw}, so each input in the window has derivative
 * {@code 1 / (kh · kw)}.
 */
public final class AvgPool2d extends Pool2d implements LocalDerivatives {
    /** Average pooling with the given kernel, stride and padding (height, width). */
    public AvgPool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        super(kh, kw, sh, sw, ph, pw);
    }

    @Override
    protected void forward(float[] in, float[] out) {
        Pool2dKernels.avgForward(in, planes, window, out);
    }

    @Override
    protected void forward(double[] in, double[] out) {
        Pool2dKernelsF64.avgForward(in, planes, window, out);
    }

    // dx[window] += dy / (kh kw)
    @Override
    protected void backward(float[] dy, float[] dx) {
        Pool2dKernels.avgBackward(dy, planes, window, dx);
    }

    @Override
    protected void backward(double[] dy, double[] dx) {
        Pool2dKernelsF64.avgBackward(dy, planes, window, dx);
    }

    /** Output a has partial {@code 1/(kh·kw)} to every input of its window (padding has none). */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int plane = a / window.outPlane() * window.inPlane();
        int r = a % window.outPlane() / window.outW();
        int q = a % window.outW();
        double share = 1.0 / (window.kh() * window.kw());
        MathText note = MathText.of(MathText.text("average pooling over " + window.kh() + "x" + window.kw()));
        window.forEachInside(r, q, (i, j, at) -> out.add(new Partial(0, plane + at, share, "1/(kh kw)", MathText.EMPTY,
                note)));
        return true;
    }
}
