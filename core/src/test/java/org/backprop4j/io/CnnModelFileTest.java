package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.AdaptiveAvgPool2d;
import org.backprop4j.nn.AvgPool2d;
import org.backprop4j.nn.BatchNorm2d;
import org.backprop4j.nn.Conv2d;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaxPool2d;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CNN with batch norm, pooling and a grouped convolution saved from the model object and loaded back. */
class CnnModelFileTest {
    @TempDir
    Path dir;

    @Test
    void cnnWithBatchNormRoundTripsWithItsRunningStatistics() {
        Rng rng = new Rng(3);
        Sequential model = new Sequential(
                Conv2d.builder(2, 4, 3).padding(1).rng(rng).build(), new BatchNorm2d(4), new ReLU(),
                new MaxPool2d(2), Conv2d.builder(4, 4, 3).groups(2).rng(rng).build(), new AvgPool2d(1, 1, 0),
                new AdaptiveAvgPool2d(1), new Flatten(), new Linear(4, 3, rng));
        Tensor x = Tensor.randn(new Rng(9), 5, 2, 8, 8);
        model.forward(x); // one training-mode pass moves the running statistics away from 0 and 1
        model.eval();
        Path file = dir.resolve("cnn.safetensors");
        ModelFile.save(file, model, List.of("a", "b", "c"), Scaling.none());

        SavedModel loaded = ModelFile.load(file);
        Map<String, NDArray> saved = model.stateDict();
        Map<String, NDArray> back = loaded.model().stateDict();
        assertThat(back.keySet()).containsExactlyElementsOf(saved.keySet())
                .contains("1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight");
        assertThat(back.get("1.running_mean").floatData()).isEqualTo(saved.get("1.running_mean").floatData())
                .isNotEqualTo(new float[4]);
        assertThat(back.get("1.num_batches_tracked").floatData()).containsExactly(1f);
        try (var g = Grad.disabled()) {
            assertThat(loaded.model().eval().forward(x).toFloatArray()).isEqualTo(model.forward(x).toFloatArray());
        }
    }

    @Test
    void theInputShapeIsRecordedSoFlatRowsReachTheConvolutionAsImages() {
        Sequential model = new Sequential(Conv2d.builder(2, 3, 3).rng(new Rng(4)).build(), new Flatten(),
                new Linear(3 * 2 * 3, 2, new Rng(5))).inputShape(2, 4, 5);
        Tensor images = Tensor.randn(new Rng(6), 3, 2, 4, 5);
        Tensor rows = images.reshape(3, 40);
        Path file = dir.resolve("images.safetensors");
        ModelFile.save(file, model, List.of("a", "b"), Scaling.none());
        assertThat(SafeTensorsFile.read(file).metadata()).containsEntry(ModelSpec.INPUT_SHAPE, "[2,4,5]");

        SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.spec().inputShape()).containsExactly(2, 4, 5);
        assertThat(loaded.spec().inputs()).isEqualTo(40);
        assertThat(loaded.model().inputShape()).containsExactly(2, 4, 5);
        try (var g = Grad.disabled()) {
            float[] direct = new Sequential(model.get(0), model.get(1), model.get(2)).forward(images).toFloatArray();
            assertThat(loaded.model().forward(rows).toFloatArray()).isEqualTo(direct);
            assertThat(model.forward(images).toFloatArray()).isEqualTo(direct); // rows already shaped pass as they are
        }
        float[] flat = rows.toFloatArray();
        float[][] perSample = {java.util.Arrays.copyOfRange(flat, 0, 40), java.util.Arrays.copyOfRange(flat, 40, 80),
            java.util.Arrays.copyOfRange(flat, 80, 120)};
        assertThat(loaded.predictor().predict(perSample)).hasSize(3);
    }
}
