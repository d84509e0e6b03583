package org.backprop4j.explain;

/** Flat and multi-dimensional indices, and broadcasting of an index to an input's shape. */
final class Indexing {
    private Indexing() {
    }

    /** The multi-dimensional index of a flat row-major index. */
    static int[] multi(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** The flat row-major index of a multi-dimensional index. */
    static int flat(int[] shape, int[] idx) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + idx[d];
        }
        return f;
    }

    /** {@code [0,1]}, or the empty string for a scalar shape. */
    static String suffix(int[] shape, int flat) {
        if (shape.length == 0) {
            return "";
        }
        int[] idx = multi(shape, flat);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < idx.length; i++) {
            sb.append(i > 0 ? "," : "").append(idx[i]);
        }
        return sb.append(']').toString();
    }

    /** The flat index in an input of shape {@code in} that output element {@code flat} of shape {@code out} reads under NumPy broadcasting. */
    static int broadcast(int[] out, int[] in, int flat) {
        int[] o = multi(out, flat);
        int[] i = new int[in.length];
        int shift = out.length - in.length;
        for (int d = 0; d < in.length; d++) {
            i[d] = in[d] == 1 ? 0 : o[d + shift];
        }
        return flat(in, i);
    }
}
