package org.backprop4j.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.internal.Json;
import org.backprop4j.io.SavedModel;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.MemoryBudget;
import org.backprop4j.onnx.proto.OnnxProto.GraphProto;
import org.backprop4j.onnx.proto.OnnxProto.ModelProto;
import org.backprop4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.backprop4j.onnx.proto.OnnxProto.StringStringEntryProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Reads an ONNX model whose graph is a chain of the layers backprop4j has, as {@code torch.onnx.export}
 * (opsets {@value #MIN_OPSET} to {@value #MAX_OPSET}) writes it for a {@code torch.nn.Sequential}, or as
 * {@link OnnxExport} writes it, into a {@link SavedModel}: a {@link org.backprop4j.nn.Sequential} whose
 * parameters are the graph's initialisers, trainable like any other. {@link ChainReader} lists the
 * operators it understands; any other operator or attribute is refused with one line naming the node
 * and the operator, and nothing is approximated. A final {@code Softmax} or {@code LogSoftmax} is left
 * out (the model's outputs are then the logits, whose softmax is the same probabilities), the leading
 * {@code Sub}/{@code Mul} of {@link OnnxExport} becomes the model's scaling, and the class names come
 * from {@code metadata_props}.
 *
 * <pre>{@code
 * SavedModel saved = OnnxImport.load(Path.of("model.onnx"));
 * double[][] p = saved.predictor().predictProba(new float[]{5.1f, 3.5f, 1.4f, 0.2f});
 * }</pre>
 */
public final class OnnxImport {
    /** The lowest opset of the default domain that is read. */
    public static final int MIN_OPSET = 13;
    /** The highest opset of the default domain that is read. */
    public static final int MAX_OPSET = 17;
    /** The largest file read (protobuf's own limit for one message is 2 GiB). */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private OnnxImport() {
    }

    /**
     * Reads an ONNX file; throws an {@link OnnxException} naming the file (and the node) when it is not
     * a valid ONNX model or not a chain of supported layers, or an {@link java.io.UncheckedIOException}
     * when it cannot be read.
     */
    public static SavedModel load(Path file) {
        String where = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new OnnxException(where, "cannot read the file: " + e.getMessage(), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new OnnxException(where, "the file has " + size + " bytes; ONNX files over " + MAX_FILE_BYTES
                    + " bytes are not read");
        }
        MemoryBudget.require(where, MemoryBudget.bytes(size, 3)); // the bytes, the parsed message and the weights
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) size + 1);
        } catch (IOException e) {
            throw new OnnxException(where, "cannot read the file: " + e.getMessage(), e);
        }
        return read(bytes, where);
    }

    /** Reads an ONNX model from its bytes; {@code where} names it in errors. */
    public static SavedModel read(byte[] bytes, String where) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxException(where, "not a valid ONNX file (" + e.getMessage() + ")", e);
        }
        return fromProto(model, where);
    }

    /** Converts a parsed ONNX model. */
    public static SavedModel fromProto(ModelProto model, String where) {
        if (!model.hasGraph()) {
            throw new OnnxException(where, "not an ONNX model: it has no graph");
        }
        requireOpset(model, where);
        GraphProto g = model.getGraph();
        long values = 0;
        for (TensorProto t : g.getInitializerList()) {
            values += OnnxTensors.count(OnnxTensors.shape(t, where));
        }
        MemoryBudget.require(where + ": the model's " + values + " weights", MemoryBudget.bytes(values, Float.BYTES));
        ChainReader chain = new ChainReader(new OnnxGraph(g, where), where);
        List<String> classNames = classNames(model, where);
        Scaling scaling = chain.scaling();
        try {
            return new SavedModel(chain.model(), classNames, scaling);
        } catch (IllegalArgumentException e) {
            throw new OnnxException(where, "inconsistent model: " + e.getMessage(), e);
        }
    }

    private static void requireOpset(ModelProto model, String where) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                if (o.getVersion() < MIN_OPSET || o.getVersion() > MAX_OPSET) {
                    throw new OnnxException(where, "opset " + o.getVersion() + " is not supported; backprop4j reads "
                            + "opsets " + MIN_OPSET + " to " + MAX_OPSET + " (torch.onnx.export(..., opset_version=13))");
                }
                return;
            }
        }
        throw new OnnxException(where, "the model imports no opset of the default ONNX domain");
    }

    /** The class names in {@code metadata_props} (a JSON array of strings), or none. */
    private static List<String> classNames(ModelProto model, String where) {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (e.getKey().equals(OnnxExport.CLASS_NAMES)) {
                Object v;
                try {
                    v = Json.parse(e.getValue());
                } catch (RuntimeException ex) {
                    v = null;
                }
                if (!(v instanceof List<?> list) || !list.stream().allMatch(s -> s instanceof String)) {
                    throw new OnnxException(where, "metadata_props " + OnnxExport.CLASS_NAMES
                            + " must be a JSON array of strings");
                }
                return list.stream().map(String.class::cast).toList();
            }
        }
        return List.of();
    }
}
