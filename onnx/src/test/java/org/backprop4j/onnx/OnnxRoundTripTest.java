package org.backprop4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.backprop4j.io.SavedModel;
import org.backprop4j.onnx.proto.OnnxProto.ModelProto;
import org.backprop4j.onnx.proto.OnnxProto.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Export then import gives a model with identical outputs, its class names and its scaling. */
class OnnxRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        return TestModels.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void importOfTheExportGivesIdenticalProbabilities(String name, SavedModel model) throws Exception {
        Path file = dir.resolve(name + ".onnx");
        OnnxExport.save(file, model);
        SavedModel back = OnnxImport.load(file);

        int features = model.spec().inputs();
        float[][] rows = TestModels.rows(7, features, 5);
        double[][] expected = model.predictor().predictProba(rows);
        assertThat(back.predictor().predictProba(rows)).isDeepEqualTo(expected);
        assertThat(back.classNames()).isEqualTo(model.classNames());
        assertThat(back.scaling().isNone()).isEqualTo(model.scaling().isNone());
        assertThat(back.model().parameterCount()).isEqualTo(model.model().parameterCount());
        // the layers are the model's, but for Dropout, which the export leaves out
        assertThat(back.spec().layers()).isEqualTo(model.spec().layers().stream()
                .filter(c -> !c.type().equals("Dropout")).toList());
        assertThat(back.spec().inputShape()).isEqualTo(model.spec().inputShape());

        // a second round gives the same graph: same operators, same initialiser values
        ModelProto once = ModelProto.parseFrom(Files.readAllBytes(file));
        ModelProto twice = OnnxExport.toProto(back);
        assertThat(ops(twice)).isEqualTo(ops(once));
        assertThat(twice.getGraph().getInitializerList().stream().map(t -> t.getRawData()).toList())
                .isEqualTo(once.getGraph().getInitializerList().stream().map(t -> t.getRawData()).toList());
    }

    @Test
    void theGraphHasTheDocumentedInterface() {
        ModelProto p = OnnxExport.toProto(TestModels.cnn());
        assertThat(p.getOpsetImport(0).getVersion()).isEqualTo(OnnxExport.OPSET);
        assertThat(p.getGraph().getInput(0).getName()).isEqualTo("input");
        assertThat(p.getGraph().getInput(0).getType().getTensorType().getShape().getDimList())
                .extracting(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .containsExactly("N", "2", "8", "8");
        assertThat(p.getGraph().getOutputList()).extracting(v -> v.getName()).containsExactly("logits", "probabilities");
        assertThat(p.getMetadataPropsList()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualTo("class_names");
            assertThat(e.getValue()).isEqualTo("[\"a\",\"b\",\"c\"]");
        });
        // batch norm stays a node (not folded) and Dropout is left out
        assertThat(ops(p)).isEqualTo("Sub,Mul,Conv,BatchNormalization,Relu,MaxPool,Conv,Div,Erf,Add,Mul,Mul,"
                + "AveragePool,Conv,Tanh,MaxPool,GlobalAveragePool,Flatten,Gemm,Softmax");
    }

    private static String ops(ModelProto p) {
        return String.join(",", p.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
    }

}
