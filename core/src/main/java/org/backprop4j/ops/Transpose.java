package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** Swaps two dimensions (a copy in row-major order). */
public final class Transpose extends Op implements LocalDerivatives {
    private final int dim0;
    private final int dim1;
    private int[] inShape;

    /** Swaps dimensions {@code dim0} and {@code dim1}. */
    public Transpose(int dim0, int dim1) {
        this.dim0 = dim0;
        this.dim1 = dim1;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "Transpose");
        inShape = in[0].shape();
        return swap(in[0], dim0, dim1);
    }

    // a permutation: the gradient is permuted back by the same swap
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{swap(g, dim0, dim1)};
    }

    /** A copy of {@code x} with dimensions {@code d0} and {@code d1} swapped. */
    static NDArray swap(NDArray x, int d0, int d1) {
        int[] s = x.shape();
        int a = Shape.axis(d0, s);
        int b = Shape.axis(d1, s);
        int[] outShape = s.clone();
        outShape[a] = s[b];
        outShape[b] = s[a];
        int[] inStrides = Shape.strides(s);
        // read strides of the input, permuted into the output's dimension order
        int[] rs = inStrides.clone();
        rs[a] = inStrides[b];
        rs[b] = inStrides[a];
        NDArray y = NDArray.zeros(x.dtype(), outShape);
        int[] idx = new int[outShape.length];
        int src = 0;
        for (int i = 0, n = y.size(); i < n; i++) {
            y.set(i, x.get(src));
            for (int k = outShape.length - 1; k >= 0; k--) {
                idx[k]++;
                src += rs[k];
                if (idx[k] < outShape[k]) {
                    break;
                }
                src -= rs[k] * outShape[k];
                idx[k] = 0;
            }
        }
        return y;
    }

    /** Output element a copies the input element at a's index with the two dimensions swapped back. */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int d0 = Shape.axis(dim0, inShape);
        int d1 = Shape.axis(dim1, inShape);
        int[] outShape = inShape.clone();
        outShape[d0] = inShape[d1];
        outShape[d1] = inShape[d0];
        int[] idx = FlatIndex.multi(outShape, a);
        int t = idx[d0];
        idx[d0] = idx[d1];
        idx[d1] = t;
        out.add(new Partial(0, FlatIndex.flat(inShape, idx), 1, "1", MathText.EMPTY, MathText.of(MathText.text("copy"))));
        return true;
    }

    @Override
    public Role role() {
        return Role.MOVE;
    }

    @Override
    public String describe() {
        return dim0 + ", " + dim1;
    }
}
