package org.backprop4j.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.backprop4j.onnx.proto.OnnxProto.GraphProto;
import org.backprop4j.onnx.proto.OnnxProto.ModelProto;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorProto;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the ONNX reader as the other parsers are fuzzed: every input must import or give a one-line
 * {@link IllegalArgumentException} naming its source, never another exception or an
 * {@link OutOfMemoryError}. Under {@code mvn test} Jazzer replays the corpus in
 * {@code OnnxImportFuzzTestInputs/read} (exported and PyTorch-exported models), and
 * {@link #fourHundredSeededMutants()} runs structured mutations of valid models (dimensions, data
 * lengths, node order and inputs, operators, truncation, flipped bytes) drawn from a seeded generator.
 */
class OnnxImportFuzzTest {
    private static final String SOURCE = "fuzz.onnx";

    @FuzzTest
    void read(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The fuzz target, also the entry point of a stand-alone Jazzer driver (--target_class=this class). */
    public static void fuzzerTestOneInput(byte[] data) {
        check(data);
    }

    @Test
    void fourHundredSeededMutants() {
        Random r = new Random(23);
        ModelProto[] seeds = {OnnxExport.toProto(TestModels.cnn()), OnnxExport.toProto(TestModels.mlp(
                TestModels.all().get("mlp-standardized").scaling()))};
        for (int i = 0; i < 400; i++) {
            check(mutant(seeds[i % seeds.length], r));
        }
    }

    private static byte[] mutant(ModelProto seed, Random r) {
        ModelProto.Builder m = seed.toBuilder();
        GraphProto.Builder g = m.getGraphBuilder();
        int changes = 1 + r.nextInt(3);
        for (int c = 0; c < changes; c++) {
            switch (r.nextInt(8)) {
                case 0 -> { // a dimension anywhere in [-1, 2^40]
                    int k = r.nextInt(g.getInitializerCount());
                    TensorProto t = g.getInitializer(k);
                    if (t.getDimsCount() > 0) {
                        long[] values = {-1, 0, 1, 1L << 31, 1L << 40, t.getDims(0) + 1};
                        g.setInitializer(k, t.toBuilder().setDims(r.nextInt(t.getDimsCount()), values[r.nextInt(values.length)]));
                    }
                }
                case 1 -> { // data shorter than the shape
                    int k = r.nextInt(g.getInitializerCount());
                    TensorProto t = g.getInitializer(k);
                    g.setInitializer(k, t.toBuilder().setRawData(t.getRawData().substring(0, r.nextInt(t.getRawData().size() + 1))));
                }
                case 2 -> g.removeInitializer(r.nextInt(g.getInitializerCount())); // a missing initializer
                case 3 -> { // a node reads a later node's output (a cycle) or a random value
                    int a = r.nextInt(g.getNodeCount());
                    int b = r.nextInt(g.getNodeCount());
                    NodeProto n = g.getNode(a);
                    if (n.getInputCount() > 0) {
                        g.setNode(a, n.toBuilder().setInput(r.nextInt(n.getInputCount()), g.getNode(b).getOutput(0)));
                    }
                }
                case 4 -> { // two nodes swapped
                    int a = r.nextInt(g.getNodeCount());
                    int b = r.nextInt(g.getNodeCount());
                    NodeProto na = g.getNode(a);
                    g.setNode(a, g.getNode(b));
                    g.setNode(b, na);
                }
                case 5 -> { // another operator
                    String[] ops = {"Relu", "Conv", "Gemm", "MatMul", "Add", "Pad", "AveragePool", "Reshape", "Softmax",
                        "BatchNormalization", "Flatten", "Div", "Erf", "Constant", "Dropout", "Loop"};
                    int a = r.nextInt(g.getNodeCount());
                    g.setNode(a, g.getNode(a).toBuilder().setOpType(ops[r.nextInt(ops.length)]));
                }
                case 6 -> { // an attribute's integers changed
                    int a = r.nextInt(g.getNodeCount());
                    NodeProto n = g.getNode(a);
                    if (n.getAttributeCount() > 0) {
                        int k = r.nextInt(n.getAttributeCount());
                        var attr = n.getAttribute(k).toBuilder().setI(r.nextInt(7) - 2);
                        for (int j = 0; j < attr.getIntsCount(); j++) {
                            attr.setInts(j, r.nextInt(2) == 0 ? r.nextInt(5) - 1 : 1L << (20 + r.nextInt(40)));
                        }
                        g.setNode(a, n.toBuilder().setAttribute(k, attr));
                    }
                }
                default -> { // the input's dimensions
                    var dims = g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
                    int d = r.nextInt(dims.getDimCount());
                    dims.setDim(d, dims.getDim(d).toBuilder().setDimValue(r.nextInt(2) == 0 ? r.nextInt(40) : 1L << 33));
                }
            }
        }
        byte[] bytes = m.build().toByteArray();
        return switch (r.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1)); // truncated
            case 1 -> {
                bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8)); // a flipped bit
                yield bytes;
            }
            default -> bytes;
        };
    }

    private static void check(byte[] data) {
        try {
            OnnxImport.read(data, SOURCE);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || !m.startsWith(SOURCE + ": ") || m.contains("\n") || m.contains("\r")) {
                throw new AssertionError("the error must be one line naming " + SOURCE + ", got: " + m, e);
            }
        }
    }
}
