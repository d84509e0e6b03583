package org.backprop4j.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.onnx.proto.OnnxProto.AttributeProto;
import org.backprop4j.onnx.proto.OnnxProto.GraphProto;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorProto;
import org.backprop4j.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * An ONNX graph checked to be readable as data flow: its constant tensors (initialisers and
 * {@code Constant} nodes) by name, its one data input, and its other nodes in an order where every
 * input is given before it is used, which a cyclic graph or a missing initialiser cannot satisfy.
 * Tensors are kept as parsed protobuf messages; their values are decoded, after their sizes are
 * checked, only when a layer asks for them.
 */
final class OnnxGraph {
    private final String where;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final ValueInfoProto input;
    private final Set<String> outputs = new HashSet<>();

    OnnxGraph(GraphProto g, String where) {
        this.where = where;
        for (TensorProto t : g.getInitializerList()) {
            OnnxTensors.shape(t, where);
            constants.put(t.getName(), t);
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!constants.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxException(where, "the graph has " + inputs.size() + " data inputs " + inputs.stream()
                    .map(ValueInfoProto::getName).toList() + "; a model backprop4j imports takes one");
        }
        input = inputs.get(0);
        Set<String> given = new HashSet<>(constants.keySet());
        given.add(input.getName());
        for (NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !given.contains(in)) {
                    throw new OnnxException(where, describe(n) + " uses '" + in + "', which no earlier node, "
                            + "initializer or graph input gives (a missing initializer, a cyclic graph or nodes out of order)");
                }
            }
            if (n.getOpType().equals("Constant") && n.getDomain().isEmpty()) {
                constants.put(single(n), constantValue(n));
            } else {
                nodes.add(n);
            }
            given.addAll(n.getOutputList());
        }
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
    }

    /** The data input. */
    ValueInfoProto input() {
        return input;
    }

    /** The nodes other than {@code Constant}, in order. */
    List<NodeProto> nodes() {
        return nodes;
    }

    /** Whether {@code name} is one of the graph's outputs. */
    boolean isOutput(String name) {
        return outputs.contains(name);
    }

    /** The constant tensor called {@code name}, or null when it is not a constant. */
    TensorProto constant(String name) {
        return constants.get(name);
    }

    /** The float32 values of the constant input {@code i} of {@code n}; throws naming the node when it is not one. */
    float[] floats(NodeProto n, int i) {
        return OnnxTensors.floatValues(requireConstant(n, i), where + ": " + describe(n));
    }

    /** The int64 values of the constant input {@code i} of {@code n}. */
    long[] longs(NodeProto n, int i) {
        return OnnxTensors.longValues(requireConstant(n, i), where + ": " + describe(n));
    }

    /** The shape of the constant input {@code i} of {@code n}. */
    int[] shape(NodeProto n, int i) {
        return OnnxTensors.shape(requireConstant(n, i), where + ": " + describe(n));
    }

    private TensorProto requireConstant(NodeProto n, int i) {
        TensorProto t = i < n.getInputCount() ? constants.get(n.getInput(i)) : null;
        if (t == null) {
            throw fail(n, "input " + i + (i < n.getInputCount() ? " ('" + n.getInput(i) + "')" : "")
                    + " must be a constant (an initializer or a Constant node)");
        }
        return t;
    }

    /** The node's one output; throws when it has several (such as Dropout's mask or MaxPool's indices in use). */
    String single(NodeProto n) {
        if (n.getOutputCount() < 1 || n.getOutputList().subList(1, n.getOutputCount()).stream().anyMatch(s -> !s.isEmpty())) {
            throw fail(n, "only its first output may be used, but it has " + n.getOutputList());
        }
        return n.getOutput(0);
    }

    private TensorProto constantValue(NodeProto n) {
        if (n.getAttributeCount() != 1 || !n.getAttribute(0).getName().equals("value")
                || n.getAttribute(0).getType() != AttributeProto.AttributeType.TENSOR) {
            throw fail(n, "only a Constant with a 'value' tensor is supported");
        }
        TensorProto t = n.getAttribute(0).getT();
        OnnxTensors.shape(t, where + ": " + describe(n));
        return t;
    }

    /** An error naming the file, the node and its operator. */
    OnnxException fail(NodeProto n, String problem) {
        return new OnnxException(where, describe(n) + ": " + problem);
    }

    /** The node by its name (or its first output when unnamed) and operator, such as {@code node '/0/Gemm' (Gemm)}. */
    static String describe(NodeProto n) {
        String name = n.getName().isEmpty() && n.getOutputCount() > 0 ? n.getOutput(0) : n.getName();
        return "node '" + name + "' (" + (n.getDomain().isEmpty() ? "" : n.getDomain() + ".") + n.getOpType() + ")";
    }
}
