package org.backprop4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.io.SavedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ONNX Runtime runs every exported test model on raw rows and gives the probabilities {@code predict} gives. */
class OnnxRuntimeTest {
    static Stream<Arguments> models() {
        return TestModels.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void probabilitiesMatchPredict(String name, SavedModel model) throws Exception {
        int features = model.spec().inputs();
        int n = 9; // any batch size: the batch dimension is dynamic
        float[][] rows = TestModels.rows(n, features, 13);
        double[][] expected = model.predictor().predictProba(rows);

        long[] shape = inputShape(model, n);
        float[] flat = new float[n * features];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * features, features);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxExport.toProto(model).toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(flat), shape);
             OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            assertThat(probabilities).hasNumberOfRows(n);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < expected[i].length; k++) {
                    assertThat((double) probabilities[i][k]).as("row %d class %d", i, k)
                            .isCloseTo(expected[i][k], within(1e-5));
                }
            }
            assertThat(result.get("logits")).isPresent();
        }
    }

    /** [n, F], or [n, C, H, W] for a model with an input shape. */
    private static long[] inputShape(SavedModel model, int n) {
        var sample = model.spec().inputShape();
        if (sample.isEmpty()) {
            return new long[]{n, model.spec().inputs()};
        }
        long[] shape = new long[sample.size() + 1];
        shape[0] = n;
        for (int i = 0; i < sample.size(); i++) {
            shape[i + 1] = sample.get(i);
        }
        return shape;
    }
}
