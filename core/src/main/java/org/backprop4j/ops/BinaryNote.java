package org.backprop4j.ops;

/** The note on the partials of an element-wise binary op: its name and the names of its two inputs. */
final class BinaryNote {
    private BinaryNote() {
    }

    /** {@code Mul u, v}, with the inputs named by the reader. */
    static MathText of(Op op) {
        return MathText.of(MathText.text(op.name() + " "), MathText.input(0), MathText.text(", "), MathText.input(1));
    }
}
