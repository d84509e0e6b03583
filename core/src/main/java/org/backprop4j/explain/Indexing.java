package org.backprop4j.explain;

import org.backprop4j.ops.FlatIndex;

/** The index suffix of an element label. */
final class Indexing {
    private Indexing() {
    }

    /** {@code [0,1]}, or the empty string for a scalar shape. */
    static String suffix(int[] shape, int flat) {
        if (shape.length == 0) {
            return "";
        }
        int[] idx = FlatIndex.multi(shape, flat);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < idx.length; i++) {
            sb.append(i > 0 ? "," : "").append(idx[i]);
        }
        return sb.append(']').toString();
    }
}
