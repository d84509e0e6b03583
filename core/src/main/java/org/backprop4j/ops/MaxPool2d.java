package org.backprop4j.ops;

import org.backprop4j.kernel.Pool2dKernels;
import org.backprop4j.kernel.Pool2dKernelsF64;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/**
 * Max pooling: each output is the largest value of its window, padding counting as -inf. The
 * derivative is 1 for the window's first maximum in row-major order (PyTorch's tie rule), 0 elsewhere.
 * With {@code relu} it is max pooling of {@code relu(x)} in one pass (ReLU then max pooling, fused):
 * the same values, winners and gradients as the two ops one after the other, NaN and signed zeros included.
 */
public final class MaxPool2d extends Pool2d implements LocalDerivatives {
    private final boolean relu;
    /** Each output's winner: its flat index within the input plane, kept by the forward pass for the backward pass. */
    private NDArray where;
    /** The output of the forward pass, whose sign masks the gradient when ReLU is fused. */
    private NDArray y;

    /** Max pooling with the given kernel, stride and padding (height, width). */
    public MaxPool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        this(kh, kw, sh, sw, ph, pw, false);
    }

    /** Max pooling with the given kernel, stride and padding (height, width), of {@code relu(x)} when {@code relu}. */
    public MaxPool2d(int kh, int kw, int sh, int sw, int ph, int pw, boolean relu) {
        super(kh, kw, sh, sw, ph, pw);
        this.relu = relu;
    }

    @Override
    protected void forward(float[] in, float[] out) {
        where = NDArray.forOverwrite(DType.FLOAT32, out.length);
        Pool2dKernels.maxForward(in, planes, window, relu, out, where.floatData());
        y = relu ? NDArray.wrap(out, out.length) : null;
    }

    @Override
    protected void forward(double[] in, double[] out) {
        where = NDArray.forOverwrite(DType.FLOAT64, out.length);
        Pool2dKernelsF64.maxForward(in, planes, window, relu, out, where.doubleData());
        y = relu ? NDArray.wrap(out, out.length) : null;
    }

    // dx[argmax of window] += dy[window], times relu'(x) there (y > 0) when fused
    @Override
    protected void backward(float[] dy, float[] dx) {
        Pool2dKernels.maxBackward(where.floatData(), dy, relu ? y.floatData() : null, planes, window, dx);
    }

    @Override
    protected void backward(double[] dy, double[] dx) {
        Pool2dKernelsF64.maxBackward(where.doubleData(), dy, relu ? y.doubleData() : null, planes, window, dx);
    }

    /** True when the input goes through ReLU before pooling. */
    public boolean relu() {
        return relu;
    }

    @Override
    public String name() {
        return relu ? "ReLUMaxPool2d" : "MaxPool2d";
    }

    /**
     * Output a has partial 1 to its window's winner and 0 to the rest; with ReLU fused, to the winner
     * of the ReLU output (the intermediate value), whose partials are ReLU's ({@link #innerPartials}).
     */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int plane = a / window.outPlane() * window.inPlane();
        int r = a % window.outPlane() / window.outW();
        int q = a % window.outW();
        int winner = plane + (x.dtype() == DType.FLOAT32 ? Pool2dKernels.argmax(x.floatData(), plane, window, r, q, relu)
                : Pool2dKernelsF64.argmax(x.doubleData(), plane, window, r, q, relu));
        double max = relu ? Pool2dKernelsF64.read(x.get(winner), true) : x.get(winner);
        out.add(new Partial(relu ? Partial.INNER : 0, winner, 1, "1", MathText.EMPTY,
                MathText.of(MathText.text("max pooling: the window's maximum is "), MathText.number(max))));
        return true;
    }

    /** With ReLU fused: {@code relu'(a)} of the input element under intermediate element b. */
    @Override
    public void innerPartials(int b, Partials out) {
        out.add(Relu.partial(0, b, x.get(b)));
    }

    /** With ReLU fused, the ReLU output {@code relu(x)}, shaped like the input; without, none. */
    @Override
    public int[] innerShape() {
        return relu ? x.shape() : null;
    }

    @Override
    public Role role() {
        return relu ? Role.POOLED_ACTIVATION : Role.OTHER;
    }
}
