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

    @Override
    protected Partial partialOfAll(int b, int count, double scale) {
        return new Partial(0, b, scale, "1/n", MathText.of(MathText.text("1/" + count)),
                MathText.of(MathText.text("mean of n = " + count + " elements")));
    }
}
