package org.backprop4j.ops;

import org.backprop4j.kernel.Conv2dKernels;
import org.backprop4j.kernel.Conv2dShape;
import org.backprop4j.kernel.Window2d;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * 2-D convolution with PyTorch's semantics (cross-correlation, zero padding): inputs x
 * {@code [N,C,H,W]}, weight {@code [O, C/groups, kh, kw]} and optionally bias {@code [O]};
 * output {@code [N, O, outH, outW]} with {@code out = floor((in + 2p - d(k-1) - 1)/s) + 1}.
 * {@code y[n,o,r,q] = b[o] + sum over c,i,j of x[n, g·C/groups + c, r·s - p + i·d, q·s - p + j·d] · W[o,c,i,j]}
 * where g is o's group. Lowered onto GEMM by {@link Conv2dKernels}.
 */
public final class Conv2d extends Op implements LocalDerivatives {
    private final int strideH;
    private final int strideW;
    private final int padH;
    private final int padW;
    private final int dilationH;
    private final int dilationW;
    private final int groups;
    private NDArray x;
    private NDArray w;
    private Conv2dShape shape;
    private boolean hasBias;

    /** A convolution with the given stride, padding and dilation (height, width) and number of groups. */
    public Conv2d(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.groups = groups;
    }

    /**
     * The shape of a convolution of x by weight with these settings, or an exception naming the
     * problem (ranks, channels, groups, or a kernel larger than the padded input).
     */
    public Conv2dShape shapeOf(int[] xs, int[] ws) {
        if (xs.length != 4 || ws.length != 4) {
            throw new IllegalArgumentException("conv2d: x " + Shape.str(xs) + " and weight " + Shape.str(ws)
                    + " must be [N,C,H,W] and [O,C/groups,kh,kw]");
        }
        if (groups < 1 || xs[1] % groups != 0 || ws[0] % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups=" + groups + " must divide the " + xs[1]
                    + " input channels and the " + ws[0] + " output channels");
        }
        if (ws[1] != xs[1] / groups) {
            throw new IllegalArgumentException("conv2d: weight " + Shape.str(ws) + " needs " + xs[1] / groups
                    + " input channels per group (x " + Shape.str(xs) + ", groups=" + groups + ")");
        }
        Window2d g = new Window2d(xs[2], xs[3], ws[2], ws[3], strideH, strideW, padH, padW, dilationH, dilationW);
        String problem = g.problem();
        if (problem != null || xs[0] < 1) {
            throw new IllegalArgumentException("conv2d on x " + Shape.str(xs) + " with weight " + Shape.str(ws) + ": "
                    + (problem != null ? problem : "the batch is empty"));
        }
        return new Conv2dShape(xs[0], xs[1], ws[0], groups, g);
    }

    @Override
    public NDArray forward(NDArray... inputs) {
        if (inputs.length != 2 && inputs.length != 3) {
            throw new IllegalArgumentException("conv2d takes x, weight and optionally bias, got " + inputs.length
                    + " inputs");
        }
        x = inputs[0];
        w = inputs[1];
        NDArray b = inputs.length == 3 ? inputs[2] : null;
        hasBias = b != null;
        NDArray.requireSameDtype(x, w);
        shape = shapeOf(x.shape(), w.shape());
        if (b != null) {
            NDArray.requireSameDtype(x, b);
            if (b.rank() != 1 || b.dim(0) != shape.outChannels()) {
                throw new IllegalArgumentException("conv2d: bias " + Shape.str(b.shape()) + " must be ["
                        + shape.outChannels() + "]");
            }
        }
        Window2d g = shape.window();
        NDArray y = NDArray.forOverwrite(x.dtype(), shape.batch(), shape.outChannels(), g.outH(), g.outW());
        NDArray scratch = scratch();
        if (x.dtype() == DType.FLOAT32) {
            Conv2dKernels.forward(shape, x.floatData(), w.floatData(), b == null ? null : b.floatData(), y.floatData(),
                    scratch.floatData());
        } else {
            Conv2dKernels.forward(shape, x.doubleData(), w.doubleData(), b == null ? null : b.doubleData(),
                    y.doubleData(), scratch.doubleData());
        }
        return y;
    }

    private NDArray scratch() {
        return NDArray.forOverwrite(x.dtype(), Conv2dKernels.scratchLength(shape));
    }

    // dx = col2im(W^T dy) per image;  dW = sum_n dy_n cols(x_n)^T;  db = sum over n, r, q of dy
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        boolean f32 = g.dtype() == DType.FLOAT32;
        NDArray gx = null;
        NDArray gw = null;
        NDArray gb = null;
        NDArray scratch = needsGrad[0] || needsGrad[1] ? scratch() : null;
        if (needsGrad[0]) {
            gx = NDArray.forOverwriteLike(x);
            if (f32) {
                Conv2dKernels.inputGradient(shape, g.floatData(), w.floatData(), gx.floatData(), scratch.floatData());
            } else {
                Conv2dKernels.inputGradient(shape, g.doubleData(), w.doubleData(), gx.doubleData(),
                        scratch.doubleData());
            }
        }
        boolean biasToo = needsGrad.length > 2 && needsGrad[2];
        if (needsGrad[1] || biasToo) { // together: the direct path sums db with dW while dy is in the cache
            gw = needsGrad[1] ? NDArray.forOverwriteLike(w) : null;
            gb = biasToo ? NDArray.forOverwrite(g.dtype(), shape.outChannels()) : null;
            if (f32) {
                Conv2dKernels.weightAndBiasGradient(shape, x.floatData(), g.floatData(), floats(gw), floats(gb),
                        floats(scratch));
            } else {
                Conv2dKernels.weightAndBiasGradient(shape, x.doubleData(), g.doubleData(), doubles(gw), doubles(gb),
                        doubles(scratch));
            }
        }
        return needsGrad.length > 2 ? new NDArray[]{gx, gw, gb} : new NDArray[]{gx, gw};
    }

    /** a's float values, or null for an array not wanted. */
    private static float[] floats(NDArray a) {
        return a == null ? null : a.floatData();
    }

    /** a's double values, or null for an array not wanted. */
    private static double[] doubles(NDArray a) {
        return a == null ? null : a.doubleData();
    }

    /** dx, dW and db are new arrays on every call. */
    @Override
    public boolean returnsFreshGradients() {
        return true;
    }

    /**
     * Output {@code y[n,o,r,q]} reads {@code x[n, c', r·s - p + i·d, q·s - p + j·d] · W[o,c,i,j]} for every
     * c, i, j inside the input (c' is c within o's group): partial {@code W[o,c,i,j]} to that x, that
     * x to {@code W[o,c,i,j]}, and 1 to {@code b[o]}. One weight serves every output position.
     */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        Window2d g = shape.window();
        int q = a % g.outW();
        int r = a / g.outW() % g.outH();
        int o = a / g.outPlane() % shape.outChannels();
        int n = a / shape.outImage();
        int cg = shape.groupIn();
        MathText note = MathText.of(MathText.text("convolution: the weight is shared by every output position"));
        for (int c = 0; c < cg; c++) {
            int plane = n * shape.inImage() + (o / shape.groupOut() * cg + c) * g.inPlane();
            int wRow = (o * cg + c) * g.kh();
            g.forEachInside(r, q, (i, j, at) -> {
                int xi = plane + at;
                int wi = (wRow + i) * g.kw() + j;
                if (out.wants(0)) {
                    out.add(new Partial(0, xi, w.get(wi), "w_ocij", MathText.of(MathText.element(1, wi)), note));
                }
                if (out.wants(1)) {
                    out.add(new Partial(1, wi, x.get(xi), "x_c,rs+i,qs+j", MathText.of(MathText.element(0, xi)), note));
                }
            });
        }
        if (hasBias && out.wants(2)) {
            out.add(new Partial(2, o, 1, "1", MathText.EMPTY, note));
        }
        return true;
    }

    @Override
    public Role role() {
        return Role.CONVOLUTION;
    }

    @Override
    public String describe() {
        return "stride=" + pair(strideH, strideW) + ", padding=" + pair(padH, padW) + ", dilation="
                + pair(dilationH, dilationW) + ", groups=" + groups;
    }

    private static String pair(int a, int b) {
        return a == b ? Integer.toString(a) : "(" + a + ", " + b + ")";
    }
}
