package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Tanh;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {
    private static final Standardizer SCALER = new Standardizer(new double[]{1, -2, 0.5, 3}, new double[]{2, 0.5, 1, 4});

    @TempDir
    Path dir;

    private static Sequential linearTanhLinear(Rng rng) {
        return new Sequential(new Linear(4, 8, rng), new Tanh(), new Dropout(0.5, rng), new Linear(8, 3, rng));
    }

    private static float[][] rows(Rng rng, int n) {
        float[][] rows = new float[n][4];
        for (float[] r : rows) {
            for (int j = 0; j < 4; j++) {
                r[j] = (float) (rng.nextGaussian() * 3);
            }
        }
        return rows;
    }

    /** The reference: the original model in evaluation mode on the standardised rows, softmax in double. */
    private static double[][] reference(Sequential model, float[][] rows) {
        model.eval();
        double[][] out = new double[rows.length][];
        try (Grad.Scope g = Grad.disabled()) {
            for (int i = 0; i < rows.length; i++) {
                float[] x = SCALER.transform(rows[i]);
                out[i] = model.forward(Tensor.of(x, 1, 4)).softmax(1).toDoubleArray();
            }
        }
        return out;
    }

    @Test
    void aLinearTanhLinearSavedAndLoadedPredictsIdentically() {
        Sequential model = linearTanhLinear(new Rng(3));
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, model, List.of("a", "b", "c"), Scaling.of(SCALER));
        SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.model()).isNotSameAs(model);
        assertThat(loaded.model().get(1)).isInstanceOf(Tanh.class);
        float[][] x = rows(new Rng(4), 20);
        double[][] expected = reference(model, x);
        Predictor p = loaded.predictor();
        assertThat(p.predictProba(x)).isDeepEqualTo(expected);
        int[] classes = p.predict(x);
        for (int i = 0; i < x.length; i++) {
            double[] e = expected[i];
            int best = e[0] >= e[1] && e[0] >= e[2] ? 0 : e[1] >= e[2] ? 1 : 2;
            assertThat(classes[i]).as("row %d", i).isEqualTo(best);
        }
        assertThat(p.classNames()).containsExactly("a", "b", "c");
        assertThat(p.className(2)).isEqualTo("c");
    }

    @Test
    void thePredictorKeepsTheWeightsOfWhenItWasMadeAndRecordsNoGraph() {
        Sequential model = linearTanhLinear(new Rng(5)).to(DType.FLOAT64);
        SavedModel saved = new SavedModel(model, null, Scaling.of(SCALER));
        float[][] x = rows(new Rng(6), 3);
        Predictor p = saved.predictor();
        double[][] before = p.predictProba(x);
        assertThat(model.isTraining()).as("the caller's model keeps its mode").isTrue();
        model.parameters().get(0).data().fillInPlace(0);
        assertThat(p.predictProba(x)).isDeepEqualTo(before);
        assertThat(p.className(1)).isEqualTo("1");
        assertThat(Grad.isEnabled()).isTrue();
    }

    @Test
    void concurrentCallersGetTheSingleThreadedResults() throws Exception {
        Predictor p = new SavedModel(linearTanhLinear(new Rng(7)), null, Scaling.of(SCALER)).predictor();
        int threads = 8;
        int perThread = 50;
        float[][][] batches = new float[threads * perThread][][];
        double[][][] expected = new double[batches.length][][];
        Rng rng = new Rng(8);
        for (int b = 0; b < batches.length; b++) {
            batches[b] = rows(rng, 1 + b % 5);
            expected[b] = p.predictProba(batches[b]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                results.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int b = first; b < first + perThread; b++) {
                        // interleave the threads' batches differently from the single-threaded order
                        int k = first + (b - first) * 7 % perThread;
                        if (!java.util.Arrays.deepEquals(p.predictProba(batches[k]), expected[k])) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rowsOfTheWrongWidthAreRefusedNamingTheRow() {
        Predictor p = new SavedModel(linearTanhLinear(new Rng(9)), null, null).predictor();
        assertThatThrownBy(() -> p.predict(new float[4], new float[3]))
                .hasMessage("row 1 has 3 features but the model takes 4");
        assertThatThrownBy(() -> p.predict()).hasMessage("predict needs at least one row");
    }
}
