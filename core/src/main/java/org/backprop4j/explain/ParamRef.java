package org.backprop4j.explain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/** One element of a named parameter, written as on the command line: {@code 2.weight[1,0]}. */
public record ParamRef(String name, Tensor tensor, int[] index) {
    private static final Pattern FORM = Pattern.compile("\\s*([^\\[\\]\\s]+)\\s*(?:\\[([^\\]]*)\\])?\\s*");

    /**
     * Parses {@code NAME[i,j,...]} against a model's {@code namedParameters()}; the brackets may be
     * left out for a parameter with one element. Errors name the bad text and the available parameters.
     */
    public static ParamRef parse(String text, Map<String, Tensor> params) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read parameter element '" + text + "': write NAME[i,j], e.g. "
                    + example(params) + "; parameters: " + available(params));
        }
        String name = m.group(1);
        Tensor t = params.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "' in '" + text + "'; parameters: "
                    + available(params));
        }
        int[] shape = t.shape();
        if (m.group(2) == null) {
            if (t.size() == 1) {
                return new ParamRef(name, t, new int[shape.length]);
            }
            throw new IllegalArgumentException("'" + text + "' needs an index: " + name + " has shape " + Shape.str(shape)
                    + ", e.g. " + name + zeros(shape.length));
        }
        String[] parts = m.group(2).trim().isEmpty() ? new String[0] : m.group(2).split(",", -1);
        if (parts.length != shape.length) {
            throw new IllegalArgumentException("'" + text + "' gives " + parts.length + " indices but " + name
                    + " has shape " + Shape.str(shape) + " (" + shape.length + " indices), e.g. " + name + zeros(shape.length));
        }
        int[] index = new int[parts.length];
        for (int d = 0; d < parts.length; d++) {
            try {
                index[d] = Integer.parseInt(parts[d].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("index '" + parts[d].trim() + "' in '" + text + "' is not an integer");
            }
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IllegalArgumentException("index " + index[d] + " in '" + text + "' is out of range: " + name
                        + " has shape " + Shape.str(shape) + ", so index " + d + " must be in [0, " + shape[d] + ")");
            }
        }
        return new ParamRef(name, t, index);
    }

    /** Every parameter with its shape, such as {@code 0.weight [2, 2], 0.bias [2]}. */
    public static String available(Map<String, Tensor> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, t) -> sb.append(sb.length() > 0 ? ", " : "").append(k).append(' ').append(Shape.str(t.shape())));
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    private static String example(Map<String, Tensor> params) {
        return params.isEmpty() ? "0.weight[0,0]" : params.keySet().iterator().next()
                + zeros(params.values().iterator().next().rank());
    }

    private static String zeros(int rank) {
        return "[" + "0,".repeat(rank).replaceAll(",$", "") + "]";
    }

    /** The text form, such as {@code 2.weight[1,0]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int d = 0; d < index.length; d++) {
            sb.append(d > 0 ? "," : "").append(index[d]);
        }
        return sb.append(']').toString();
    }
}
