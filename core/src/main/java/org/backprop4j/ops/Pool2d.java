package org.backprop4j.ops;

import org.backprop4j.kernel.Window2d;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * The common part of 2-D pooling ops: one input {@code [N,C,H,W]} (or {@code [C,H,W]}), a window
 * of kernel, stride and padding (height, width) as PyTorch's, output {@code [N, C, outH, outW]} with
 * {@code out = floor((in + 2p - k)/s) + 1}. Subclasses supply the forward and backward passes.
 */
public abstract class Pool2d extends Op {
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
    /** The input of the forward pass. */
    protected NDArray x;
    /** The window geometry of the forward pass. */
    protected Window2d window;
    /** Number of planes pooled ({@code N · C}). */
    protected int planes;

    /** A pooling window with the given kernel, stride and padding (height, width). */
    protected Pool2d(int kh, int kw, int sh, int sw, int ph, int pw) {
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
    }

    @Override
    public final NDArray forward(NDArray... inputs) {
        arity(inputs, 1, name());
        x = inputs[0];
        int[] s = x.shape();
        if (s.length != 4 && s.length != 3) {
            throw new IllegalArgumentException(name() + " needs an input [N,C,H,W] or [C,H,W], got " + Shape.str(s));
        }
        window = new Window2d(s[s.length - 2], s[s.length - 1], kh, kw, sh, sw, ph, pw, 1, 1);
        String problem = window.problem();
        if (problem == null && (2 * ph > kh || 2 * pw > kw)) {
            problem = "padding " + ph + "x" + pw + " must be at most half the kernel " + kh + "x" + kw;
        }
        if (problem != null) {
            throw new IllegalArgumentException(name() + " on " + Shape.str(s) + ": " + problem);
        }
        planes = x.size() / window.inPlane();
        int[] out = s.clone();
        out[s.length - 2] = window.outH();
        out[s.length - 1] = window.outW();
        NDArray y = NDArray.forOverwrite(x.dtype(), out);
        if (x.dtype() == DType.FLOAT32) {
            forward(x.floatData(), y.floatData());
        } else {
            forward(x.doubleData(), y.doubleData());
        }
        return y;
    }

    @Override
    public final NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = NDArray.forOverwrite(x.dtype(), x.shape());
        if (g.dtype() == DType.FLOAT32) {
            backward(g.floatData(), gx.floatData());
        } else {
            backward(g.doubleData(), gx.doubleData());
        }
        return new NDArray[]{gx};
    }

    /** Writes every output value from the input {@link #x}. */
    protected abstract void forward(float[] in, float[] out);

    /** Double-precision {@link #forward(float[], float[])}. */
    protected abstract void forward(double[] in, double[] out);

    /** Overwrites dx with the gradient of the input given dy. */
    protected abstract void backward(float[] dy, float[] dx);

    /** Double-precision {@link #backward(float[], float[])}. */
    protected abstract void backward(double[] dy, double[] dx);

    /** dx is a new array on every call. */
    @Override
    public final boolean returnsFreshGradients() {
        return true;
    }

    @Override
    public String describe() {
        return "kernel=" + kh + "x" + kw + ", stride=" + sh + "x" + sw + ", padding=" + ph + "x" + pw;
    }
}
