package org.backprop4j.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.backprop4j.onnx.proto.OnnxProto.AttributeProto;
import org.backprop4j.onnx.proto.OnnxProto.GraphProto;
import org.backprop4j.onnx.proto.OnnxProto.ModelProto;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;
import org.backprop4j.onnx.proto.OnnxProto.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad ONNX file gets one line naming the file (and the node and operator), before anything is allocated for it. */
class BadOnnxTest {
    @TempDir
    Path dir;

    private final ModelProto good = OnnxExport.toProto(TestModels.cnn());

    @Test
    void truncatedFile() throws Exception {
        byte[] bytes = good.toByteArray();
        Path file = write(Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class)
                .hasMessageStartingWith(file + ": not a valid ONNX file").hasMessageNotContaining("\n");
    }

    @Test
    void notAnOnnxFileAtAll() throws Exception {
        Path file = write("{\"hello\": 1}\n".getBytes());
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class).hasMessageStartingWith(file + ": ");
    }

    @Test
    void hugeDimensionsAreRefusedBeforeAllocating() throws Exception {
        Path file = mutate(g -> g.setInitializer(0, g.getInitializer(0).toBuilder().setDims(0, 1L << 40)));
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class)
                .hasMessageContaining(file + ": tensor 'scaler.shift' has dimension 1099511627776");
        Path product = mutate(g -> g.setInitializer(0, g.getInitializer(0).toBuilder().clearDims()
                .addDims(1 << 20).addDims(1 << 20).addDims(1 << 20)));
        assertThatThrownBy(() -> OnnxImport.load(product)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("elements");
        Path input = mutate(g -> g.setInput(0, g.getInput(0).toBuilder().setType(g.getInput(0).getType().toBuilder()
                .setTensorType(g.getInput(0).getType().getTensorType().toBuilder().setShape(g.getInput(0).getType()
                        .getTensorType().getShape().toBuilder().setDim(2, g.getInput(0).getType().getTensorType()
                                .getShape().getDim(2).toBuilder().setDimValue(1L << 40)))))));
        assertThatThrownBy(() -> OnnxImport.load(input)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("dimension 2 of the input 'input' is 1099511627776");
    }

    @Test
    void cyclicGraph() throws Exception {
        // the first Conv reads the output of the ReLU after it
        Path file = mutate(g -> g.setNode(2, g.getNode(2).toBuilder().setInput(0, g.getNode(4).getOutput(0))));
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class)
                .hasMessage(file + ": node '0/Conv2d' (Conv) uses '2/ReLU', which no earlier node, initializer or graph "
                        + "input gives (a missing initializer, a cyclic graph or nodes out of order)");
    }

    @Test
    void missingInitializer() throws Exception {
        Path file = mutate(g -> g.removeInitializer(2)); // 0.weight
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("node '0/Conv2d' (Conv) uses '0.weight', which no earlier node, initializer");
    }

    @Test
    void initializerDataShorterThanItsShape() throws Exception {
        Path file = mutate(g -> g.setInitializer(2, g.getInitializer(2).toBuilder()
                .setRawData(g.getInitializer(2).getRawData().substring(0, 12))));
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class)
                .hasMessage(file + ": node '0/Conv2d' (Conv): tensor '0.weight' holds 12 bytes but its shape [4, 2, 3, 3] "
                        + "needs 288");
        Path floats = mutate(g -> g.setInitializer(2, g.getInitializer(2).toBuilder().clearRawData().addFloatData(1f)));
        assertThatThrownBy(() -> OnnxImport.load(floats)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("tensor '0.weight' holds 1 values but its shape [4, 2, 3, 3] needs 72");
    }

    @Test
    void unsupportedOperatorAndAttribute() throws Exception {
        Path op = mutate(g -> g.setNode(4, g.getNode(4).toBuilder().setOpType("Elu")));
        assertThatThrownBy(() -> OnnxImport.load(op)).isInstanceOf(OnnxException.class)
                .hasMessageStartingWith(op + ": node '2/ReLU' (Elu): operator Elu is not supported;");
        Path attribute = mutate(g -> g.setNode(5, g.getNode(5).toBuilder().addAttribute(AttributeProto.newBuilder()
                .setName("ceil_mode").setType(AttributeProto.AttributeType.INT).setI(1))));
        assertThatThrownBy(() -> OnnxImport.load(attribute)).isInstanceOf(OnnxException.class)
                .hasMessage(attribute + ": node '3/MaxPool2d' (MaxPool): only dilations 1, ceil_mode=0 and "
                        + "storage_order=0 are supported");
        // a branch: a second node reads the first convolution's output
        Path branch = mutate(g -> g.addNode(3, NodeProto.newBuilder().setOpType("Relu").setName("side")
                .addInput("0/Conv2d").addOutput("side")));
        assertThatThrownBy(() -> OnnxImport.load(branch)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("node '1/BatchNorm2d' (BatchNormalization): its input [0/Conv2d, ")
                .hasMessageContaining("is not the output of the layer before ('side'); backprop4j imports a chain");
    }

    @Test
    void wrongDataTypeAndExternalData() throws Exception {
        Path type = mutate(g -> g.setInitializer(2, g.getInitializer(2).toBuilder()
                .setDataType(TensorProto.DataType.DOUBLE_VALUE)));
        assertThatThrownBy(() -> OnnxImport.load(type)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("tensor '0.weight' has data type DOUBLE but FLOAT is needed here");
        Path external = mutate(g -> g.setInitializer(2, g.getInitializer(2).toBuilder().setRawData(ByteString.EMPTY)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)));
        assertThatThrownBy(() -> OnnxImport.load(external)).isInstanceOf(OnnxException.class)
                .hasMessageContaining("keeps its data in an external file");
    }

    @Test
    void shapesThatDoNotFitAreReportedAtTheirNode() throws Exception {
        // the Linear at the end takes 6 features; give it a weight for 5
        Path file = mutate(g -> {
            int k = indexOf(g, "13.weight");
            return g.setInitializer(k, OnnxTensors.floats("13.weight", new float[15], 3, 5));
        });
        assertThatThrownBy(() -> OnnxImport.load(file)).isInstanceOf(OnnxException.class)
                .hasMessageStartingWith(file + ": node '13/Linear' (Gemm): ");
    }

    private static int indexOf(GraphProto.Builder g, String initializer) {
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(initializer)) {
                return i;
            }
        }
        throw new AssertionError(initializer);
    }

    private Path mutate(UnaryOperator<GraphProto.Builder> change) throws Exception {
        ModelProto.Builder m = good.toBuilder();
        change.apply(m.getGraphBuilder());
        return write(m.build().toByteArray());
    }

    private Path write(byte[] bytes) throws Exception {
        Path file = Files.createTempFile(dir, "bad", ".onnx");
        Files.write(file, bytes);
        return file;
    }
}
