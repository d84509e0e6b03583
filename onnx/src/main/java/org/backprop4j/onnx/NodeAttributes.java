package org.backprop4j.onnx;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.backprop4j.onnx.proto.OnnxProto.AttributeProto;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;

/**
 * The attributes of one node, by name, checked when made: an attribute the reader does not know for
 * that operator is refused with the node and operator named, so that no setting is silently ignored.
 */
final class NodeAttributes {
    private final OnnxGraph graph;
    private final NodeProto node;
    private final Map<String, AttributeProto> byName = new HashMap<>();

    /** The attributes of {@code node}; throws naming the first one not in {@code allowed}. */
    NodeAttributes(OnnxGraph graph, NodeProto node, String... allowed) {
        this.graph = graph;
        this.node = node;
        Set<String> names = Set.of(allowed);
        for (AttributeProto a : node.getAttributeList()) {
            if (!names.contains(a.getName())) {
                throw graph.fail(node, "attribute '" + a.getName() + "' is not supported");
            }
            byName.put(a.getName(), a);
        }
    }

    /** Whether the attribute is given. */
    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** An int attribute, or {@code otherwise} when absent. */
    long integer(String name, long otherwise) {
        return has(name) ? byName.get(name).getI() : otherwise;
    }

    /** A float attribute as the decimal number it was written from (0.2f reads as 0.2, not 0.200000003). */
    double number(String name, double otherwise) {
        return has(name) ? Double.parseDouble(Float.toString(byName.get(name).getF())) : otherwise;
    }

    /** A string attribute, or {@code otherwise} when absent. */
    String string(String name, String otherwise) {
        return has(name) ? byName.get(name).getS().toStringUtf8() : otherwise;
    }

    /** An ints attribute of {@code length} values, or {@code otherwise} when absent. */
    long[] ints(String name, int length, long... otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        long[] v = byName.get(name).getIntsList().stream().mapToLong(Long::longValue).toArray();
        if (v.length != length) {
            throw graph.fail(node, name + " must have " + length + " values, got " + Arrays.toString(v));
        }
        return v;
    }

    /** Refuses an auto_pad other than NOTSET. */
    void requireNoAutoPad() {
        String autoPad = string("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET")) {
            throw graph.fail(node, "auto_pad " + autoPad + " is not supported");
        }
    }

    /** [top, left] of pads [top, left, bottom, right], which must be symmetric and non-negative. */
    int[] symmetricPads(long[] pads) {
        if (pads[0] != pads[2] || pads[1] != pads[3] || pads[0] < 0 || pads[1] < 0) {
            throw graph.fail(node, "only equal padding on both sides is supported, got pads " + Arrays.toString(pads));
        }
        return new int[]{checkedInt(pads[0]), checkedInt(pads[1])};
    }

    /** {@code v} as an int; throws naming the node when it is negative or too large. */
    int checkedInt(long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw graph.fail(node, "the value " + v + " is out of range");
        }
        return (int) v;
    }
}
