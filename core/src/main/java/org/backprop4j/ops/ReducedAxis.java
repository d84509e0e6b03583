package org.backprop4j.ops;

import org.backprop4j.ndarray.Shape;

/**
 * Where a reduction over one dimension, or over all elements ({@link Sum#ALL}), finds its runs: the input
 * viewed as {@code [outer, len, inner]} row-major and reduced over {@code len}; the result has shape
 * {@code outShape} (the reduced dimension removed, or kept with size 1).
 */
record ReducedAxis(int outer, int len, int inner, int[] outShape) {
    /** The geometry of reducing an input of shape {@code shape} over {@code dim}. */
    static ReducedAxis of(int[] shape, int dim, boolean keepDim) {
        if (dim == Sum.ALL) {
            return new ReducedAxis(1, Shape.size(shape), 1, keepDim ? Shape.ones(shape.length) : new int[0]);
        }
        int axis = Shape.axis(dim, shape);
        return new ReducedAxis(Shape.outer(shape, axis), shape[axis], Shape.inner(shape, axis),
                Shape.reduce(shape, axis, keepDim));
    }
}
