package org.backprop4j.ops;

import java.util.List;

/**
 * Text of a formula or note whose numbers and references to input elements are left for the reader
 * to format (the explain tool names elements {@code W[1,2]} and prints numbers to six digits), so an
 * op can state its local derivatives without knowing how they are shown.
 */
public final class MathText {
    /** The empty text. */
    public static final MathText EMPTY = new MathText(List.of());

    private final List<Part> parts;

    private MathText(List<Part> parts) {
        this.parts = parts;
    }

    /** How a reader formats the parts that are not plain text. */
    public interface Format {
        /** A number on its own, such as {@code 0.529719}. */
        String number(double value);

        /** A number inside a product: like {@link #number} but in parentheses when negative. */
        String factor(double value);

        /** Element {@code index} (flat, row-major) of input {@code input} of the op, such as {@code W[1,2]}. */
        String element(int input, int index);

        /** The name of input {@code input} of the op. */
        String input(int input);
    }

    /** One piece of a text, formatted by a {@link Format}. */
    @FunctionalInterface
    public interface Part {
        /** This piece as text. */
        String render(Format f);
    }

    /** The text made of these pieces, in order. */
    public static MathText of(Part... parts) {
        return new MathText(List.of(parts));
    }

    /** Plain text. */
    public static Part text(String s) {
        return f -> s;
    }

    /** A number on its own. */
    public static Part number(double v) {
        return f -> f.number(v);
    }

    /** A number inside a product (parenthesised when negative). */
    public static Part factor(double v) {
        return f -> f.factor(v);
    }

    /** An element of an input of the op. */
    public static Part element(int input, int index) {
        return f -> f.element(input, index);
    }

    /** The name of an input of the op. */
    public static Part input(int input) {
        return f -> f.input(input);
    }

    /** The whole text, formatted by {@code f}. */
    public String render(Format f) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p.render(f));
        }
        return sb.toString();
    }
}
