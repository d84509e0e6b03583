package org.backprop4j.ndarray;

/** Renders array values as nested brackets, abbreviating long dimensions with "..." like NumPy. */
final class ArrayFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private ArrayFormat() {
    }

    static String format(NDArray a) {
        int[] shape = a.shape();
        if (shape.length == 0) {
            return number(a.get(0));
        }
        boolean abbreviate = a.size() > THRESHOLD;
        StringBuilder sb = new StringBuilder();
        append(sb, a, shape, Shape.strides(shape), 0, 0, abbreviate);
        return sb.toString();
    }

    private static void append(StringBuilder sb, NDArray a, int[] shape, int[] strides, int dim, int offset,
                               boolean abbreviate) {
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (abbreviate && n > 2 * EDGE && i == EDGE) {
                sb.append("..., ");
                i = n - EDGE;
            }
            if (dim == shape.length - 1) {
                sb.append(number(a.get(offset + i * strides[dim])));
            } else {
                append(sb, a, shape, strides, dim + 1, offset + i * strides[dim], abbreviate);
            }
            if (i < n - 1) {
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(dim + 1));
            }
        }
        sb.append(']');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
