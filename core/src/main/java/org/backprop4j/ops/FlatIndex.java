package org.backprop4j.ops;

import org.backprop4j.ndarray.Shape;

/** Conversions between flat row-major indices and multi-dimensional ones, and broadcasting of an index. */
public final class FlatIndex {
    private FlatIndex() {
    }

    /** The multi-dimensional index of a flat row-major index. */
    public static int[] multi(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** The flat row-major index of a multi-dimensional index. */
    public static int flat(int[] shape, int[] idx) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + idx[d];
        }
        return f;
    }

    /** The flat index in an input of shape {@code in} that element {@code flat} of an output of shape {@code out} reads under NumPy broadcasting. */
    public static int broadcast(int[] out, int[] in, int flat) {
        int[] o = multi(out, flat);
        int[] strides = Shape.broadcastStrides(in, out);
        int f = 0;
        for (int d = 0; d < o.length; d++) {
            f += o[d] * strides[d];
        }
        return f;
    }
}
