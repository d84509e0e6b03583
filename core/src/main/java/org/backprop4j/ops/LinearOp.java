package org.backprop4j.ops;

import org.backprop4j.kernel.Elementwise;
import org.backprop4j.kernel.Gemm;
import org.backprop4j.kernel.Reductions;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ndarray.Workspace;

/**
 * Fused affine layer {@code y = x W^T + b}, optionally followed by ReLU: inputs x [N,in], W [out,in]
 * and (optionally) b [out]. W is read in place (no transposed copy); bias and ReLU are one pass.
 */
public final class LinearOp extends Op implements LocalDerivatives {
    /** The note on the partials of an affine map with a bias. */
    public static final String AFFINE = "z_j = sum_i y_i w_ij + b_j";

    private final boolean relu;
    private NDArray x;
    private NDArray w;
    private NDArray b;
    private NDArray y;
    private int n;
    private int in;
    private int out;

    /** A linear op; with {@code relu} its output is {@code max(0, x W^T + b)}. */
    public LinearOp(boolean relu) {
        this.relu = relu;
    }

    @Override
    public NDArray forward(NDArray... inputs) {
        if (inputs.length != 2 && inputs.length != 3) {
            throw new IllegalArgumentException("Linear takes x, W and optionally b, got " + inputs.length + " inputs");
        }
        x = inputs[0];
        w = inputs[1];
        b = inputs.length == 3 ? inputs[2] : null;
        NDArray.requireSameDtype(x, w);
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(1) || (b != null && (b.rank() != 1 || b.dim(0) != w.dim(0)))) {
            throw new IllegalArgumentException("linear: x " + Shape.str(x.shape()) + ", W " + Shape.str(w.shape())
                    + (b == null ? "" : ", b " + Shape.str(b.shape())) + " are not [N,in], [out,in], [out]");
        }
        n = x.dim(0);
        in = x.dim(1);
        out = w.dim(0);
        y = NDArray.forOverwrite(x.dtype(), n, out); // every element is written below (gemm without accumulate)
        if (x.dtype() == DType.FLOAT32) {
            Gemm.gemm(false, true, n, out, in, x.floatData(), 0, w.floatData(), 0, y.floatData(), 0, false);
            if (b != null) {
                NDArray.requireSameDtype(x, b);
                if (relu) {
                    Elementwise.addBiasRelu(y.floatData(), 0, b.floatData(), 0, y.floatData(), 0, n, out);
                } else {
                    Elementwise.addBias(y.floatData(), 0, b.floatData(), 0, y.floatData(), 0, n, out);
                }
            } else if (relu) {
                Elementwise.addBiasRelu(y.floatData(), 0, Workspace.floats(out), 0, y.floatData(), 0, n, out); // zero bias
            }
        } else {
            double[] yd = y.doubleData();
            Gemm.gemm(false, true, n, out, in, x.doubleData(), 0, w.doubleData(), 0, yd, 0, false);
            double[] bd = b == null ? null : b.doubleData();
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < out; c++) {
                    double v = yd[r * out + c] + (bd == null ? 0 : bd[c]);
                    yd[r * out + c] = relu && !(v > 0) ? 0 : v;
                }
            }
        }
        return y;
    }

    // z = x W^T + b, y = relu(z):  dz = g [y > 0];  dx = dz W;  dW = dz^T x;  db = sum_rows dz
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray dz = g;
        if (relu) {
            dz = NDArray.forOverwrite(g.dtype(), n, out);
            if (g.dtype() == DType.FLOAT32) {
                Elementwise.reluBackward(g.floatData(), 0, y.floatData(), 0, dz.floatData(), 0, n * out);
            } else {
                for (int i = 0; i < n * out; i++) {
                    dz.set(i, y.get(i) > 0 ? g.get(i) : 0);
                }
            }
        }
        NDArray gx = null;
        NDArray gw = null;
        NDArray gb = null;
        boolean f32 = g.dtype() == DType.FLOAT32;
        if (needsGrad[0]) {
            gx = NDArray.forOverwrite(x.dtype(), n, in);
            if (f32) {
                Gemm.gemm(false, false, n, in, out, dz.floatData(), 0, w.floatData(), 0, gx.floatData(), 0, false);
            } else {
                Gemm.gemm(false, false, n, in, out, dz.doubleData(), 0, w.doubleData(), 0, gx.doubleData(), 0, false);
            }
        }
        if (needsGrad[1]) {
            gw = NDArray.forOverwrite(w.dtype(), out, in);
            if (f32) {
                Gemm.gemm(true, false, out, in, n, dz.floatData(), 0, x.floatData(), 0, gw.floatData(), 0, false);
            } else {
                Gemm.gemm(true, false, out, in, n, dz.doubleData(), 0, x.doubleData(), 0, gw.doubleData(), 0, false);
            }
        }
        if (needsGrad.length > 2 && needsGrad[2]) {
            gb = NDArray.zeros(g.dtype(), out); // the double path below adds into it
            if (f32) {
                Reductions.columnSums(dz.floatData(), 0, n, out, gb.floatData(), 0, false);
            } else {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < out; c++) {
                        gb.doubleData()[c] += dz.doubleData()[r * out + c];
                    }
                }
            }
        }
        return needsGrad.length > 2 ? new NDArray[]{gx, gw, gb} : new NDArray[]{gx, gw};
    }

    /** dx, dW and db are new arrays on every call. */
    @Override
    public boolean returnsFreshGradients() {
        return true;
    }

    /** True when the output is {@code max(0, x W^T + b)}. */
    public boolean relu() {
        return relu;
    }

    @Override
    public String name() {
        return relu ? "LinearReLU" : "Linear";
    }

    /** With ReLU, {@code relu'(a)} to the pre-activation a (the intermediate value); without, the affine partials. */
    @Override
    public boolean partials(int at, boolean expand, Partials sink) {
        if (relu) {
            sink.add(Relu.partial(Partial.INNER, at, preActivation(at)));
        } else {
            innerPartials(at, sink);
        }
        return true;
    }

    // z_j = sum_i x_i w_ji + b_j (W is [out,in]):  dz_j/dx_i = w_ji,  dz_j/dw_ji = x_i,  dz_j/db_j = 1
    @Override
    public void innerPartials(int at, Partials sink) {
        int j = at % out;
        MathText note = MathText.of(MathText.text(b == null ? MatMul.PRODUCT : AFFINE));
        MatMul.productPartials(at / out, in, i -> j * in + i, x, w, note, sink);
        if (b != null && sink.wants(2)) {
            sink.add(new Partial(2, j, 1, "1", MathText.EMPTY, note));
        }
    }

    /** With ReLU, the pre-activation {@code x W^T + b}, shaped like the output; without, none. */
    @Override
    public int[] innerShape() {
        return relu ? new int[]{n, out} : null;
    }

    @Override
    public Role role() {
        return relu ? Role.ACTIVATION : Role.OTHER;
    }

    /** a_j = sum_i x_i w_ji + b_j of output element {@code at}, recomputed in double. */
    private double preActivation(int at) {
        int r = at / out;
        int j = at % out;
        double s = b != null ? b.get(j) : 0;
        for (int i = 0; i < in; i++) {
            s += x.get(r * in + i) * w.get(j * in + i);
        }
        return s;
    }
}
