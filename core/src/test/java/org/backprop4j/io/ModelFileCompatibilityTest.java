package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Tanh;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by format version 1 (the MLP described by its sizes; every optimiser field in a
 * checkpoint) still load. The files were written by the code of commit 34ef629 with
 * {@code src/test/resources/org/backprop4j/io/v1/GenerateV1Files.java}.
 */
class ModelFileCompatibilityTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ModelFileCompatibilityTest.class.getResource("v1/" + name).toURI());
    }

    @Test
    void aVersion1ModelLoadsAsTheMlpItDescribesAndPredictsFromItsWeights() throws Exception {
        Path file = resource("model-v1.safetensors");
        SavedModel saved = ModelFile.load(file);
        assertThat(saved.spec()).isEqualTo(ModelSpec.of(new Sequential(new Linear(4, 3), new Tanh(), new Linear(3, 2))));
        assertThat(saved.classNames()).containsExactly("no", "yes");
        assertThat(saved.scaling()).isEqualTo(new Scaling(Scaling.STANDARDIZE, new double[]{1, 2, 3, 4},
                new double[]{0.5, 1, 2, 4}));
        // reference: the same network evaluated by hand from the file's raw tensors, in double
        Map<String, NDArray> t = SafeTensorsFile.read(file).tensors();
        float[] row = {2f, 1f, 5f, -4f};
        double[] x = new double[4];
        double[] mean = {1, 2, 3, 4};
        double[] std = {0.5, 1, 2, 4};
        for (int j = 0; j < 4; j++) {
            x[j] = (row[j] - mean[j]) / std[j];
        }
        double[] h = affine(t.get("0.weight"), t.get("0.bias"), x);
        for (int j = 0; j < h.length; j++) {
            h[j] = Math.tanh(h[j]);
        }
        double[] z = affine(t.get("2.weight"), t.get("2.bias"), h);
        double p1 = 1 / (1 + Math.exp(z[0] - z[1]));
        double[] p = saved.predictor().predictProba(row)[0];
        assertThat(p[1]).isCloseTo(p1, within(1e-6));
        assertThat(p[0]).isCloseTo(1 - p1, within(1e-6));
    }

    private static double[] affine(NDArray w, NDArray b, double[] x) {
        int out = w.shape()[0];
        double[] y = new double[out];
        for (int i = 0; i < out; i++) {
            y[i] = b.get(i);
            for (int j = 0; j < x.length; j++) {
                y[i] += w.get(i * x.length + j) * x[j];
            }
        }
        return y;
    }

    @Test
    void aVersion1CheckpointRestoresItsOptimiserAndSavesAgainAsVersion2() throws Exception {
        CheckpointState st = Checkpoint.load(resource("checkpoint-v1.safetensors"));
        assertThat(st.epoch()).isEqualTo(1);
        assertThat(st.optimizer().name()).isEqualTo("sgd");
        assertThat(st.optimizer().hyperParameters()).containsExactly(Map.entry("lr", 0.05), Map.entry("momentum", 0.9),
                Map.entry("dampening", 0.0), Map.entry("nesterov", false), Map.entry("weight_decay", 1e-4));
        Optimizer opt = st.restoreOptimizer();
        assertThat(opt).isInstanceOf(SGD.class);
        assertThat(opt.stepCount()).isEqualTo(1);
        assertThat(opt.stateDict()).containsKeys("0.momentum_buffer", "3.momentum_buffer");
        Path again = dir.resolve("again.safetensors");
        Checkpoint.save(again, st);
        assertThat(SafeTensorsFile.read(again).metadata()).containsEntry("format_version", "2")
                .containsEntry("optimizer", "{\"name\":\"sgd\",\"lr\":0.05,\"momentum\":0.9,\"dampening\":0,"
                        + "\"nesterov\":false,\"weight_decay\":1.0E-4}");
        CheckpointState back = Checkpoint.load(again);
        assertThat(back.optimizer()).isEqualTo(st.optimizer());
        assertThat(back.model().spec()).isEqualTo(st.model().spec());
        assertThat(List.copyOf(back.model().model().stateDict().keySet()))
                .containsExactlyElementsOf(st.model().model().stateDict().keySet());
    }
}
