package org.backprop4j.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.internal.Json;
import org.backprop4j.io.AtomicFiles;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.nn.LayerConfig;
import org.backprop4j.nn.Sequential;
import org.backprop4j.onnx.proto.OnnxProto.AttributeProto;
import org.backprop4j.onnx.proto.OnnxProto.GraphProto;
import org.backprop4j.onnx.proto.OnnxProto.ModelProto;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;
import org.backprop4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.backprop4j.onnx.proto.OnnxProto.StringStringEntryProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorShapeProto;
import org.backprop4j.onnx.proto.OnnxProto.TypeProto;
import org.backprop4j.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Writes a {@link SavedModel} as an ONNX model (opset {@value #OPSET}) that ONNX Runtime runs and that
 * gives the probabilities {@link org.backprop4j.io.Predictor} gives:
 * <ul>
 * <li>the input {@code input} takes the raw rows {@code predict} takes, {@code [N, F]}, or {@code [N, C, H, W]}
 * for a model with an input shape, with a dynamic batch dimension {@code N};</li>
 * <li>the saved scaling is the graph's first two nodes, {@code Sub} of the means (minima) and {@code Mul} by
 * {@code 1/std} (or {@code 1/(max - min)}), the formula of the scalers;</li>
 * <li>every layer becomes the ONNX operator of the same meaning ({@link #nodes}); batch norm stays
 * {@code BatchNormalization} (not folded, so that importing the file gives back the layer and its
 * running statistics), and Dropout, the identity at inference, is left out;</li>
 * <li>the outputs are {@code logits}, the model's outputs, and {@code probabilities}, their softmax;</li>
 * <li>the class names are the JSON array under {@code class_names} in {@code metadata_props}.</li>
 * </ul>
 * The weights are written as float32 (a float64 model is rounded), under their {@code stateDict()} names.
 *
 * <pre>{@code
 * OnnxExport.save(Path.of("iris.onnx"), ModelFile.load(Path.of("iris.safetensors")));
 * }</pre>
 */
public final class OnnxExport {
    /** The operator set version the graphs use. */
    public static final int OPSET = 13;
    /** The IR version of opset 13. */
    static final int IR_VERSION = 7;
    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the output holding the model's outputs. */
    public static final String LOGITS = "logits";
    /** Name of the output holding their softmax. */
    public static final String PROBABILITIES = "probabilities";
    /** Key in {@code metadata_props} of the class names, a JSON array of strings. */
    public static final String CLASS_NAMES = ModelFile.CLASS_NAMES;

    private OnnxExport() {
    }

    /** Writes the model as an ONNX file, atomically (see {@link AtomicFiles}). */
    public static void save(Path file, SavedModel model) {
        ModelProto proto = toProto(model);
        AtomicFiles.write(file, out -> proto.writeTo(out));
    }

    /** The ONNX model of {@code model}; throws an {@link OnnxException} for a model whose input size is unknown. */
    public static ModelProto toProto(SavedModel model) {
        Objects.requireNonNull(model, "model");
        ModelSpec spec = model.spec();
        long[] sample = sampleShape(spec);
        GraphProto.Builder g = GraphProto.newBuilder().setName("backprop4j");
        String x = scaling(g, model.scaling(), sample);
        Map<String, NDArray> state = model.model().stateDict();
        List<LayerConfig> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            x = nodes(g, layers.get(i), String.valueOf(i), x, state);
        }
        int last = g.getNodeCount() - 1;
        if (last >= 0 && g.getNode(last).getOutput(0).equals(x)) {
            g.getNodeBuilder(last).setOutput(0, LOGITS); // the last layer's output is the logits
        } else {
            g.addNode(node("Identity", "logits", List.of(x), LOGITS)); // a model of Dropout only
        }
        g.addNode(node("Softmax", "probabilities", List.of(LOGITS), PROBABILITIES).addAttribute(integer("axis", 1)));
        long[] inputDims = new long[sample.length + 1];
        System.arraycopy(sample, 0, inputDims, 1, sample.length);
        g.addInput(tensorInfo(INPUT, inputDims));
        long outputs = spec.outputs();
        g.addOutput(tensorInfo(LOGITS, 0, outputs));
        g.addOutput(tensorInfo(PROBABILITIES, 0, outputs));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("backprop4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(CLASS_NAMES)
                        .setValue(Json.stringArray(model.classNames())))
                .setGraph(g).build();
    }

    /** The per-sample input shape: the model's input shape, or [F] from its first layer. */
    private static long[] sampleShape(ModelSpec spec) {
        if (!spec.inputShape().isEmpty()) {
            return spec.inputShape().stream().mapToLong(Integer::longValue).toArray();
        }
        if (spec.inputs() < 1) {
            throw new OnnxException("export", "the model " + spec + " does not say how many features it takes "
                    + "(no input shape and no Linear layer)");
        }
        return new long[]{spec.inputs()};
    }

    /** Appends the scaling {@code (x - a) * s} (no node for none); returns the name of the scaled value. */
    private static String scaling(GraphProto.Builder g, Scaling scaling, long[] sample) {
        if (scaling.isNone()) {
            return INPUT;
        }
        double[] a = scaling.a();
        double[] b = scaling.b();
        float[] shift = new float[a.length];
        float[] scale = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            shift[j] = (float) a[j];
            double s = scaling.kind().equals(Scaling.STANDARDIZE) ? b[j] : b[j] - a[j]; // std, or max - min
            scale[j] = (float) (s == 0 ? 1 : 1 / s); // the scalers' own rule: a constant feature is shifted only
        }
        g.addInitializer(OnnxTensors.floats("scaler.shift", shift, sample));
        g.addInitializer(OnnxTensors.floats("scaler.scale", scale, sample));
        g.addNode(node("Sub", "scaler/Sub", List.of(INPUT, "scaler.shift"), "scaler/shifted"));
        g.addNode(node("Mul", "scaler/Mul", List.of("scaler/shifted", "scaler.scale"), "scaler/scaled"));
        return "scaler/scaled";
    }

    /**
     * Appends the nodes of one layer (named {@code prefix}, such as {@code "3"}) applied to the value
     * {@code x}, with its parameters as initialisers under their stateDict names; returns the name of its output.
     */
    private static String nodes(GraphProto.Builder g, LayerConfig c, String prefix, String x, Map<String, NDArray> state) {
        String out = prefix + "/" + c.type();
        switch (c.type()) {
            case "Linear": {
                g.addNode(node("Gemm", out, inputs(g, prefix, x, state, "weight", "bias"), out)
                        .addAttribute(integer("transB", 1)));
                return out;
            }
            case "Conv2d": {
                NodeProto.Builder n = node("Conv", out, inputs(g, prefix, x, state, "weight", "bias"), out)
                        .addAttribute(ints("kernel_shape", c.integer("kernel_h"), c.integer("kernel_w")))
                        .addAttribute(ints("strides", c.integer("stride_h"), c.integer("stride_w")))
                        .addAttribute(ints("pads", c.integer("padding_h"), c.integer("padding_w"),
                                c.integer("padding_h"), c.integer("padding_w")))
                        .addAttribute(ints("dilations", c.integer("dilation_h"), c.integer("dilation_w")))
                        .addAttribute(integer("group", c.integer("groups")));
                g.addNode(n);
                return out;
            }
            case "MaxPool2d":
            case "AvgPool2d": {
                int k = c.integer("kernel_size");
                int s = c.integer("stride");
                int p = c.integer("padding");
                NodeProto.Builder n = node(c.type().equals("MaxPool2d") ? "MaxPool" : "AveragePool", out, List.of(x), out)
                        .addAttribute(ints("kernel_shape", k, k)).addAttribute(ints("strides", s, s))
                        .addAttribute(ints("pads", p, p, p, p));
                if (c.type().equals("AvgPool2d")) {
                    n.addAttribute(integer("count_include_pad", 1)); // PyTorch's default, which AvgPool2d follows
                }
                g.addNode(n);
                return out;
            }
            case "AdaptiveAvgPool2d":
                g.addNode(node("GlobalAveragePool", out, List.of(x), out));
                return out;
            case "BatchNorm1d":
            case "BatchNorm2d":
                g.addNode(node("BatchNormalization", out,
                        inputs(g, prefix, x, state, "weight", "bias", "running_mean", "running_var"), out)
                        .addAttribute(floats("epsilon", c.number("eps")))
                        .addAttribute(floats("momentum", 1 - c.number("momentum")))); // ONNX keeps 1 - PyTorch's
                return out;
            case "Flatten":
                g.addNode(node("Flatten", out, List.of(x), out).addAttribute(integer("axis", 1)));
                return out;
            case "ReLU":
            case "Tanh":
            case "Sigmoid":
            case "Identity":
                g.addNode(node(c.type().equals("ReLU") ? "Relu" : c.type(), out, List.of(x), out));
                return out;
            case "LeakyReLU":
                g.addNode(node("LeakyRelu", out, List.of(x), out).addAttribute(floats("alpha", c.number("negative_slope"))));
                return out;
            case "GELU":
                return gelu(g, out, x);
            case "Softmax":
            case "LogSoftmax":
                g.addNode(node(c.type(), out, List.of(x), out).addAttribute(integer("axis", c.integer("dim"))));
                return out;
            case "Dropout":
                return x; // the identity at inference
            default:
                throw new OnnxException("export", "layer " + prefix + " (" + c + ") has no ONNX form here");
        }
    }

    /** GELU as PyTorch 1.13 exports it (opset 13 has no Gelu): {@code x · (erf(x / √2) + 1) · 0.5}. */
    private static String gelu(GraphProto.Builder g, String out, String x) {
        g.addInitializer(OnnxTensors.floats(out + ".sqrt2", new float[]{(float) Math.sqrt(2)}));
        g.addInitializer(OnnxTensors.floats(out + ".one", new float[]{1}));
        g.addInitializer(OnnxTensors.floats(out + ".half", new float[]{0.5f}));
        g.addNode(node("Div", out + "/Div", List.of(x, out + ".sqrt2"), out + "/Div"));
        g.addNode(node("Erf", out + "/Erf", List.of(out + "/Div"), out + "/Erf"));
        g.addNode(node("Add", out + "/Add", List.of(out + "/Erf", out + ".one"), out + "/Add"));
        g.addNode(node("Mul", out + "/Mul", List.of(x, out + "/Add"), out + "/Mul"));
        g.addNode(node("Mul", out + "/Mul_1", List.of(out + "/Mul", out + ".half"), out));
        return out;
    }

    /** {@code x} followed by the layer's parameters that exist (a layer without bias has none), added as initialisers. */
    private static List<String> inputs(GraphProto.Builder g, String prefix, String x, Map<String, NDArray> state,
            String... params) {
        List<String> names = new ArrayList<>(List.of(x));
        for (String p : params) {
            String name = prefix + "." + p;
            NDArray a = state.get(name);
            if (a != null) {
                g.addInitializer(OnnxTensors.floats(name, a.toFloatArray(),
                        Arrays.stream(a.shape()).asLongStream().toArray()));
                names.add(name);
            }
        }
        return names;
    }

    private static NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
    }

    private static AttributeProto ints(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(Arrays.stream(values).boxed().toList()).build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto floats(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    /** A float tensor value; the first dimension is the dynamic batch {@code N}, and a later 0 is unknown ({@code K}). */
    private static ValueInfoProto tensorInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            shape.addDim(i == 0 || dims[i] == 0
                    ? TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "N" : "K")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
