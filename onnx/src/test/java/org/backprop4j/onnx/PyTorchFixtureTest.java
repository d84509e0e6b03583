package org.backprop4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.internal.Json;
import org.backprop4j.io.SavedModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models exported by PyTorch 1.13 ({@code torch.onnx.export}, opsets 13, 15 and 17; made by
 * src/test/python/make_fixtures.py) import and give PyTorch's probabilities to 1e-4, and survive
 * an export and a second import unchanged.
 */
class PyTorchFixtureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mlp_opset13", "mlp_bn_softmax_opset17", "cnn_opset13", "cnn_opset17", "cnn_avgpool_opset15"})
    void importedModelGivesPyTorchsProbabilities(String name) throws Exception {
        Path file = dir.resolve(name + ".onnx");
        try (InputStream in = getClass().getResourceAsStream(name + ".onnx")) {
            Files.write(file, in.readAllBytes());
        }
        Object expected;
        try (InputStream in = getClass().getResourceAsStream(name + ".json")) {
            expected = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        java.util.Map<?, ?> fixture = (java.util.Map<?, ?>) expected;
        float[][] rows = ((List<?>) fixture.get("rows")).stream().map(r -> {
            List<?> values = (List<?>) r;
            float[] row = new float[values.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) ((Json.Num) values.get(j)).doubleValue();
            }
            return row;
        }).toArray(float[][]::new);
        List<?> probabilities = (List<?>) fixture.get("probabilities");

        SavedModel saved = OnnxImport.load(file);
        double[][] actual = saved.predictor().predictProba(rows);
        Path again = dir.resolve(name + "-again.onnx");
        OnnxExport.save(again, saved);
        double[][] afterRoundTrip = OnnxImport.load(again).predictor().predictProba(rows);
        for (int i = 0; i < rows.length; i++) {
            List<?> row = (List<?>) probabilities.get(i);
            assertThat(actual[i]).hasSize(row.size());
            for (int k = 0; k < row.size(); k++) {
                assertThat(actual[i][k]).as("row %d class %d", i, k)
                        .isCloseTo(((Json.Num) row.get(k)).doubleValue(), within(1e-4));
            }
        }
        assertThat(afterRoundTrip).isDeepEqualTo(actual);
        assertThat(saved.model().parameters()).allSatisfy(p -> assertThat(p.requiresGradFlag()).isTrue());
    }
}
