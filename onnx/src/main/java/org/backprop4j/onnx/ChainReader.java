package org.backprop4j.onnx;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.AdaptiveAvgPool2d;
import org.backprop4j.nn.AvgPool2d;
import org.backprop4j.nn.BatchNorm1d;
import org.backprop4j.nn.BatchNorm2d;
import org.backprop4j.nn.Conv2d;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.GELU;
import org.backprop4j.nn.Identity;
import org.backprop4j.nn.LeakyReLU;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaxPool2d;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Sigmoid;
import org.backprop4j.nn.Tanh;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorShapeProto;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * Walks an {@link OnnxGraph} from its input as a chain, turning each node (or known group of nodes) into
 * a layer: Gemm, MatMul (+ Add) → Linear; Relu, LeakyRelu, Sigmoid, Tanh; GELU as PyTorch 1.13 exports
 * it (Div by √2, Erf, Add 1, Mul by x, Mul by 0.5); Conv → Conv2d; MaxPool; AveragePool, with the zero
 * Pad PyTorch puts before it; GlobalAveragePool → AdaptiveAvgPool2d(1); BatchNormalization → BatchNorm1d
 * or BatchNorm2d; Flatten, and Reshape to [N, rest] → Flatten; Identity; Dropout, left out; Softmax
 * or LogSoftmax as the last node, left out. Every layer is added as soon as it is read and a one-sample
 * probe of zeros is run through it, so that a shape that does not fit is reported at its node, with
 * the shape rules of the layers themselves.
 */
final class ChainReader {
    /** The most values one sample may have at any layer (the probe holds one such sample). */
    private static final long MAX_SAMPLE = 1L << 26;

    private final OnnxGraph graph;
    private final String where;
    private final Sequential model = new Sequential();
    private final Rng rng = new Rng(0); // initial values, all replaced by the file's
    private Scaling scaling = Scaling.none();
    private String current;
    private Tensor probe;

    ChainReader(OnnxGraph graph, String where) {
        this.graph = graph;
        this.where = where;
        this.current = graph.input().getName();
        int[] sample = inputShape();
        if (sample.length == 3) {
            model.inputShape(sample);
        }
        int[] shape = new int[sample.length + 1];
        shape[0] = 1;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        probe = Tensor.zeros(DType.FLOAT32, shape);
        read();
        model.train(); // as ModelFile.load returns it; the probe ran the layers in evaluation mode
        if (model.size() == 0) {
            throw new OnnxException(where, "the graph has no layers");
        }
        if (sample.length == 1 && ModelSpec.of(model).inputs() != sample[0]) {
            model.inputShape(sample); // no Linear says the width: the input does
        }
    }

    /** The model read. */
    Sequential model() {
        return model;
    }

    /** The scaling at the start of the graph, or none. */
    Scaling scaling() {
        return scaling;
    }

    /** The per-sample input shape, [F] or [C, H, W], with every dimension a positive number. */
    private int[] inputShape() {
        var type = graph.input().getType();
        if (!type.hasTensorType() || !type.getTensorType().hasShape()) {
            throw new OnnxException(where, "the input '" + current + "' is not a tensor of known rank");
        }
        List<TensorShapeProto.Dimension> dims = type.getTensorType().getShape().getDimList();
        if (dims.size() != 2 && dims.size() != 4) {
            throw new OnnxException(where, "the input '" + current + "' has rank " + dims.size()
                    + "; backprop4j reads models of rows [N, F] or images [N, C, H, W]");
        }
        int[] sample = new int[dims.size() - 1];
        long size = 1;
        for (int i = 1; i < dims.size(); i++) {
            long d = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
            if (d < 1 || d > MAX_SAMPLE) {
                throw new OnnxException(where, "dimension " + i + " of the input '" + current + "' is "
                        + (d < 0 ? "not a fixed number" : d) + "; only the batch dimension may vary");
            }
            size *= d;
            if (size > MAX_SAMPLE) {
                throw new OnnxException(where, "the input '" + current + "' has more than " + MAX_SAMPLE
                        + " values per sample");
            }
            sample[i - 1] = (int) d;
        }
        return sample;
    }

    private void read() {
        List<NodeProto> nodes = graph.nodes();
        int i = readScaling(nodes);
        while (i < nodes.size()) {
            NodeProto n = nodes.get(i);
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw graph.fail(n, "operators of domain '" + n.getDomain() + "' are not supported");
            }
            if (n.getInputCount() == 0 || !n.getInput(0).equals(current)) {
                throw graph.fail(n, "its input " + n.getInputList() + " is not the output of the layer before ('"
                        + current + "'); backprop4j imports a chain of layers");
            }
            i += readNode(nodes, i, n);
        }
        if (!graph.isOutput(current) && !(nodes.size() > 0 && graph.isOutput(nodes.get(nodes.size() - 1).getOutput(0)))) {
            throw new OnnxException(where, "the chain of layers ends at '" + current + "', which is not an output of the graph");
        }
    }

    /** Reads the layer starting at node {@code i}; returns the number of nodes it took. */
    private int readNode(List<NodeProto> nodes, int i, NodeProto n) {
        switch (n.getOpType()) {
            case "Gemm":
                return gemm(n);
            case "MatMul":
                return matMul(nodes, i, n);
            case "Relu":
                return simple(n, new ReLU());
            case "Sigmoid":
                return simple(n, new Sigmoid());
            case "Tanh":
                return simple(n, new Tanh());
            case "LeakyRelu": {
                NodeAttributes a = new NodeAttributes(graph, n, "alpha");
                return layer(n, 1, graph.single(n), () -> new LeakyReLU(a.number("alpha", 0.01)), Map.of());
            }
            case "Div":
                return gelu(nodes, i, n);
            case "Conv":
                return conv(n);
            case "MaxPool":
                return maxPool(n);
            case "Pad":
                return pad(nodes, i, n);
            case "AveragePool":
                return averagePool(n, n, 0);
            case "GlobalAveragePool":
                return simple(n, new AdaptiveAvgPool2d(1));
            case "BatchNormalization":
                return batchNorm(n);
            case "Flatten": {
                NodeAttributes a = new NodeAttributes(graph, n, "axis");
                if (a.integer("axis", 1) != 1) {
                    throw graph.fail(n, "only axis=1 is supported, got " + a.integer("axis", 1));
                }
                return layer(n, 1, graph.single(n), Flatten::new, Map.of());
            }
            case "Reshape":
                return reshape(n);
            case "Dropout": {
                new NodeAttributes(graph, n, "seed");
                if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                    throw graph.fail(n, "the training_mode input is not supported (export the model in eval mode)");
                }
                current = graph.single(n);
                return 1;
            }
            case "Identity":
                return simple(n, new Identity());
            case "Softmax":
            case "LogSoftmax": {
                NodeAttributes a = new NodeAttributes(graph, n, "axis");
                long axis = a.integer("axis", -1);
                if (i != nodes.size() - 1 || probe.rank() != 2 || (axis != 1 && axis != -1)) {
                    throw graph.fail(n, "supported only as the last node, over the classes of [N, K] outputs");
                }
                graph.single(n);
                return 1; // left out: softmax(log_softmax(z)) = softmax(softmax-free z)
            }
            default:
                throw graph.fail(n, "operator " + n.getOpType() + " is not supported; backprop4j imports Gemm, MatMul, "
                        + "Add, Relu, LeakyRelu, Sigmoid, Tanh, GELU (Div/Erf/Add/Mul), Softmax, LogSoftmax, Conv, MaxPool, "
                        + "AveragePool, Pad, GlobalAveragePool, BatchNormalization, Flatten, Reshape, Dropout, Identity, Constant");
        }
    }

    /** The leading Sub and Mul by constants of {@link OnnxExport}'s scaling, if present; returns the nodes taken. */
    private int readScaling(List<NodeProto> nodes) {
        if (nodes.size() < 2 || !nodes.get(0).getOpType().equals("Sub") || !nodes.get(1).getOpType().equals("Mul")) {
            return 0;
        }
        NodeProto sub = nodes.get(0);
        NodeProto mul = nodes.get(1);
        new NodeAttributes(graph, sub);
        new NodeAttributes(graph, mul);
        int features = probe.size();
        if (!sub.getInput(0).equals(current) || mul.getInputCount() != 2 || !mul.getInput(0).equals(graph.single(sub))) {
            throw graph.fail(sub, "a Sub is supported only as the scaling (x - shift) * scale at the start of the graph");
        }
        float[] shift = graph.floats(sub, 1);
        float[] scale = graph.floats(mul, 1);
        if (shift.length != features || scale.length != features) {
            throw graph.fail(sub, "the scaling has " + shift.length + " and " + scale.length + " values but a sample has "
                    + features);
        }
        double[] mean = new double[features];
        double[] std = new double[features];
        for (int j = 0; j < features; j++) {
            mean[j] = shift[j];
            std[j] = 1.0 / scale[j];
        }
        try {
            scaling = new Scaling(Scaling.STANDARDIZE, mean, std);
        } catch (IllegalArgumentException e) {
            throw graph.fail(mul, "invalid scaling: " + e.getMessage());
        }
        current = graph.single(mul);
        return 2;
    }

    private int gemm(NodeProto n) {
        NodeAttributes a = new NodeAttributes(graph, n, "alpha", "beta", "transA", "transB");
        if (a.number("alpha", 1) != 1 || a.number("beta", 1) != 1 || a.integer("transA", 0) != 0) {
            throw graph.fail(n, "only alpha=1, beta=1 and transA=0 are supported");
        }
        int[] shape = graph.shape(n, 1);
        if (shape.length != 2) {
            throw graph.fail(n, "the weight must be a matrix, got shape " + Arrays.toString(shape));
        }
        boolean transB = a.integer("transB", 0) != 0;
        float[] w = graph.floats(n, 1);
        if (!transB) {
            w = transpose(w, shape[0], shape[1]);
        }
        int out = transB ? shape[0] : shape[1];
        int in = transB ? shape[1] : shape[0];
        float[] bias = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? graph.floats(n, 2) : null;
        return linear(n, 1, graph.single(n), in, out, w, bias);
    }

    /** MatMul by a constant [in, out], and the Add of a constant [out] right after it when there is one. */
    private int matMul(List<NodeProto> nodes, int i, NodeProto n) {
        new NodeAttributes(graph, n);
        int[] shape = graph.shape(n, 1);
        if (shape.length != 2 || n.getInputCount() != 2) {
            throw graph.fail(n, "only x times a constant matrix is supported, got shape " + Arrays.toString(shape));
        }
        float[] w = transpose(graph.floats(n, 1), shape[0], shape[1]);
        String out = graph.single(n);
        if (i + 1 < nodes.size() && nodes.get(i + 1).getOpType().equals("Add") && nodes.get(i + 1).getInputList().contains(out)) {
            NodeProto add = nodes.get(i + 1);
            new NodeAttributes(graph, add);
            int other = add.getInput(0).equals(out) ? 1 : 0;
            float[] bias = graph.floats(add, other);
            if (bias.length != shape[1]) {
                throw graph.fail(add, "the bias has " + bias.length + " values but the MatMul gives " + shape[1]);
            }
            return linear(n, 2, graph.single(add), shape[0], shape[1], w, bias);
        }
        return linear(n, 1, out, shape[0], shape[1], w, null);
    }

    private int linear(NodeProto n, int taken, String output, int in, int out, float[] w, float[] bias) {
        Map<String, NDArray> state = new HashMap<>();
        state.put("weight", NDArray.wrap(w, out, in));
        if (bias != null) {
            if (bias.length != out) {
                throw graph.fail(n, "the bias has " + bias.length + " values but the layer has " + out + " outputs");
            }
            state.put("bias", NDArray.wrap(bias, out));
        }
        return layer(n, taken, output, () -> new Linear(in, out, bias != null, rng, DType.FLOAT32), state);
    }

    /** x · (erf(x / √2) + 1) · 0.5, in the five nodes PyTorch 1.13 exports for {@code nn.GELU()}. */
    private int gelu(List<NodeProto> nodes, int i, NodeProto div) {
        String x = current;
        if (i + 4 < nodes.size()) {
            NodeProto erf = nodes.get(i + 1);
            NodeProto add = nodes.get(i + 2);
            NodeProto mul = nodes.get(i + 3);
            NodeProto half = nodes.get(i + 4);
            if (is(erf, "Erf", 1, graph.single(div)) && is(add, "Add", 2, graph.single(erf))
                    && is(mul, "Mul", 2, graph.single(add)) && mul.getInputList().contains(x)
                    && is(half, "Mul", 2, graph.single(mul))
                    && scalar(div, 1, Math.sqrt(2)) && scalar(add, otherInput(add, graph.single(erf)), 1)
                    && scalar(half, otherInput(half, graph.single(mul)), 0.5)) {
                for (NodeProto p : List.of(div, erf, add, mul, half)) {
                    new NodeAttributes(graph, p);
                }
                return layer(div, 5, graph.single(half), GELU::new, Map.of());
            }
        }
        throw graph.fail(div, "Div is supported only as the start of GELU as PyTorch exports it, "
                + "x * (erf(x / sqrt(2)) + 1) * 0.5");
    }

    /** Whether {@code n} is the operator {@code op} of the default domain with {@code inputs} inputs, one of them {@code input}. */
    private static boolean is(NodeProto n, String op, int inputs, String input) {
        return n.getOpType().equals(op) && n.getDomain().isEmpty() && n.getInputCount() == inputs
                && n.getInputList().contains(input);
    }

    private static int otherInput(NodeProto n, String input) {
        return n.getInput(0).equals(input) ? 1 : 0;
    }

    /** Whether input {@code k} of {@code n} is a constant holding the single value {@code v} (to float precision). */
    private boolean scalar(NodeProto n, int k, double v) {
        if (graph.constant(n.getInput(k)) == null) {
            return false;
        }
        float[] c = graph.floats(n, k);
        return c.length == 1 && c[0] == (float) v;
    }

    private int conv(NodeProto n) {
        NodeAttributes a = new NodeAttributes(graph, n, "kernel_shape", "strides", "pads", "dilations", "group", "auto_pad");
        a.requireNoAutoPad();
        int[] shape = graph.shape(n, 1);
        if (shape.length != 4) {
            throw graph.fail(n, "only 2-D convolutions are supported; the weight has shape " + Arrays.toString(shape));
        }
        long[] kernel = a.ints("kernel_shape", 2, shape[2], shape[3]);
        long[] strides = a.ints("strides", 2, 1, 1);
        long[] dilations = a.ints("dilations", 2, 1, 1);
        long[] pads = a.ints("pads", 4, 0, 0, 0, 0);
        if (kernel[0] != shape[2] || kernel[1] != shape[3]) {
            throw graph.fail(n, "kernel_shape " + Arrays.toString(kernel) + " does not match the weight " + Arrays.toString(shape));
        }
        int[] p = a.symmetricPads(pads);
        for (int d = 0; d < 2; d++) {
            if (dilations[d] < 1 || p[d] > dilations[d] * (shape[2 + d] - 1)) {
                throw graph.fail(n, "padding " + Arrays.toString(pads) + " reaches beyond the kernel, or dilations "
                        + Arrays.toString(dilations) + " are below 1");
            }
        }
        long groups = a.integer("group", 1);
        if (groups < 1 || groups > shape[0]) {
            throw graph.fail(n, "group=" + groups + " is invalid for " + shape[0] + " output channels");
        }
        int in = Math.multiplyExact(shape[1], (int) groups);
        Map<String, NDArray> state = new HashMap<>();
        state.put("weight", NDArray.wrap(graph.floats(n, 1), shape));
        boolean bias = n.getInputCount() > 2 && !n.getInput(2).isEmpty();
        if (bias) {
            state.put("bias", NDArray.wrap(graph.floats(n, 2), graph.shape(n, 2)));
        }
        return layer(n, 1, graph.single(n), () -> Conv2d.builder(in, shape[0], 1).kernel(shape[2], shape[3])
                .stride(a.checkedInt(strides[0]), a.checkedInt(strides[1])).padding(p[0], p[1])
                .dilation(a.checkedInt(dilations[0]), a.checkedInt(dilations[1])).groups((int) groups).bias(bias)
                .rng(rng).build(), state);
    }

    private int maxPool(NodeProto n) {
        NodeAttributes a = new NodeAttributes(graph, n, "kernel_shape", "strides", "pads", "dilations", "ceil_mode",
                "storage_order", "auto_pad");
        a.requireNoAutoPad();
        long[] dilations = a.ints("dilations", 2, 1, 1);
        if (dilations[0] != 1 || dilations[1] != 1 || a.integer("ceil_mode", 0) != 0 || a.integer("storage_order", 0) != 0) {
            throw graph.fail(n, "only dilations 1, ceil_mode=0 and storage_order=0 are supported");
        }
        int[] w = window(n, a);
        return layer(n, 1, graph.single(n), () -> new MaxPool2d(w[0], w[1], w[2]), Map.of());
    }

    /** PyTorch's AvgPool2d with padding: a Pad of zeros on height and width, then an AveragePool without pads. */
    private int pad(List<NodeProto> nodes, int i, NodeProto pad) {
        NodeAttributes a = new NodeAttributes(graph, pad, "mode");
        if (!a.string("mode", "constant").equals("constant")) {
            throw graph.fail(pad, "only mode 'constant' is supported");
        }
        if (pad.getInputCount() > 3) {
            throw graph.fail(pad, "the axes input is not supported");
        }
        long[] pads = graph.longs(pad, 1);
        if (pad.getInputCount() > 2 && !pad.getInput(2).isEmpty()) {
            float[] value = graph.floats(pad, 2);
            if (value.length != 1 || value[0] != 0) {
                throw graph.fail(pad, "only padding with zeros is supported");
            }
        }
        String out = graph.single(pad);
        if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads[2] != pads[6]
                || pads[3] != pads[7] || pads[2] != pads[3] || pads[2] < 0 || i + 1 >= nodes.size()
                || !is(nodes.get(i + 1), "AveragePool", 1, out)) {
            throw graph.fail(pad, "a Pad is supported only as equal zero padding of height and width right before an "
                    + "AveragePool (PyTorch's AvgPool2d with padding), got pads " + Arrays.toString(pads));
        }
        return averagePool(nodes.get(i + 1), pad, a.checkedInt(pads[2])) + 1;
    }

    /** An AveragePool node, with {@code extraPad} zeros already added around its input by {@code first}. */
    private int averagePool(NodeProto n, NodeProto first, int extraPad) {
        NodeAttributes a = new NodeAttributes(graph, n, "kernel_shape", "strides", "pads", "ceil_mode",
                "count_include_pad", "auto_pad");
        a.requireNoAutoPad();
        if (a.integer("ceil_mode", 0) != 0) {
            throw graph.fail(n, "only ceil_mode=0 is supported");
        }
        int[] w = window(n, a);
        if (w[2] > 0 && extraPad > 0) {
            throw graph.fail(n, "pads are not supported after a Pad");
        }
        if (w[2] > 0 && a.integer("count_include_pad", 0) != 1) {
            throw graph.fail(n, "padding is supported only with count_include_pad=1, as PyTorch's AvgPool2d");
        }
        int padding = Math.max(w[2], extraPad);
        return layer(first, 1, graph.single(n), () -> new AvgPool2d(w[0], w[1], padding), Map.of());
    }

    /** Kernel, stride and padding of a square pooling window with equal strides and pads. */
    private int[] window(NodeProto n, NodeAttributes a) {
        if (!a.has("kernel_shape")) {
            throw graph.fail(n, "kernel_shape is required");
        }
        long[] k = a.ints("kernel_shape", 2);
        long[] s = a.ints("strides", 2, 1, 1);
        long[] pads = a.ints("pads", 4, 0, 0, 0, 0);
        int[] p = a.symmetricPads(pads);
        if (k[0] != k[1] || s[0] != s[1] || p[0] != p[1]) {
            throw graph.fail(n, "only square windows with equal strides and pads are supported, got kernel_shape "
                    + Arrays.toString(k) + ", strides " + Arrays.toString(s) + ", pads " + Arrays.toString(pads));
        }
        return new int[]{a.checkedInt(k[0]), a.checkedInt(s[0]), p[0]};
    }

    private int batchNorm(NodeProto n) {
        NodeAttributes a = new NodeAttributes(graph, n, "epsilon", "momentum", "training_mode");
        if (a.integer("training_mode", 0) != 0) {
            throw graph.fail(n, "training_mode must be 0");
        }
        if (n.getInputCount() != 5) {
            throw graph.fail(n, "needs 5 inputs, got " + n.getInputCount());
        }
        graph.single(n);
        int rank = probe.rank();
        int c = probe.dim(1);
        Map<String, NDArray> state = new LinkedHashMap<>();
        String[] names = {"weight", "bias", "running_mean", "running_var"};
        for (int k = 0; k < names.length; k++) {
            float[] v = graph.floats(n, k + 1);
            if (v.length != c) {
                throw graph.fail(n, "input " + (k + 1) + " has " + v.length + " values but the input has " + c + " channels");
            }
            state.put(names[k], NDArray.wrap(v, c));
        }
        state.put("num_batches_tracked", NDArray.zeros(DType.FLOAT32));
        double eps = a.number("epsilon", 1e-5);
        // ONNX keeps 1 - PyTorch's momentum; subtracted in decimal, so that 0.9 gives 0.1, not 0.09999999999999998
        double momentum = BigDecimal.ONE.subtract(BigDecimal.valueOf(a.number("momentum", 0.9))).doubleValue();
        if (rank != 2 && rank != 4) {
            throw graph.fail(n, "supported on [N, C] or [N, C, H, W], got rank " + rank);
        }
        return layer(n, 1, n.getOutput(0), () -> rank == 4 ? new BatchNorm2d(c, eps, momentum, DType.FLOAT32)
                : new BatchNorm1d(c, eps, momentum, DType.FLOAT32), state);
    }

    /** Reshape by a constant shape to [N, rest], which is Flatten. */
    private int reshape(NodeProto n) {
        NodeAttributes a = new NodeAttributes(graph, n, "allowzero");
        long[] shape = graph.longs(n, 1);
        long rest = probe.size(); // one sample
        boolean flatten = a.integer("allowzero", 0) == 0 && shape.length == 2
                && ((shape[0] == 0 || shape[0] == -1) && shape[1] == rest || shape[0] == 0 && shape[1] == -1);
        if (!flatten) {
            throw graph.fail(n, "only a Reshape to [N, " + rest + "] (a flatten) is supported, got " + Arrays.toString(shape));
        }
        return layer(n, 1, graph.single(n), Flatten::new, Map.of());
    }

    private int simple(NodeProto n, Module layer) {
        new NodeAttributes(graph, n);
        return layer(n, 1, graph.single(n), () -> layer, Map.of());
    }

    /** Something that makes a layer and may throw an IllegalArgumentException for invalid settings. */
    private interface LayerMaker {
        Module make();
    }

    /**
     * Makes the layer of node {@code n}, loads {@code state} into it, runs the probe through it and adds
     * it to the model; {@code output} is the value it gives. Returns {@code taken}.
     */
    private int layer(NodeProto n, int taken, String output, LayerMaker maker, Map<String, NDArray> state) {
        Module layer;
        try {
            layer = maker.make();
            layer.loadStateDict(state);
            layer.eval();
            try (Grad.Scope noGrad = Grad.disabled()) {
                Tensor next = layer.forward(probe);
                if (next.size() > MAX_SAMPLE) {
                    throw new IllegalArgumentException("it gives " + next.size() + " values per sample, more than "
                            + MAX_SAMPLE);
                }
                probe = next;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw graph.fail(n, e.getMessage());
        }
        model.add(layer);
        current = output;
        return taken;
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }
}
