package org.backprop4j.ops;

import org.backprop4j.ndarray.Shape;

/**
 * For the partials of an element-wise binary op with broadcasting: the element of each operand
 * that one output element reads, and the note naming the op and its operands.
 */
final class BinaryElements {
    private BinaryElements() {
    }

    /** {@code {i, j}}: output element {@code at} reads element i of the first operand and j of the second. */
    static int[] read(int[] aShape, int[] bShape, int at) {
        int[] out = Shape.broadcast(aShape, bShape);
        return new int[]{FlatIndex.broadcast(out, aShape, at), FlatIndex.broadcast(out, bShape, at)};
    }

    /** {@code Mul u, v}, with the operands named by the reader. */
    static MathText note(Op op) {
        return MathText.of(MathText.text(op.name() + " "), MathText.input(0), MathText.text(", "), MathText.input(1));
    }
}
