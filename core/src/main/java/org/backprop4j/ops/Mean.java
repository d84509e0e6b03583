package org.backprop4j.ops;

/** Mean over all elements or one dimension: a {@link Sum} scaled by 1/n. */
public final class Mean extends Sum {
    /** A mean over dimension {@code dim} (or {@link Sum#ALL}). */
    public Mean(int dim, boolean keepDim) {
        super(dim, keepDim);
    }

    // d(mean)/dx_j = 1/n
    @Override
    protected double scale(int count) {
        return 1.0 / count;
    }
}
