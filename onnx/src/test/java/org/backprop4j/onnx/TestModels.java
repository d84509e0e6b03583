package org.backprop4j.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.SavedModel;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.AdaptiveAvgPool2d;
import org.backprop4j.nn.AvgPool2d;
import org.backprop4j.nn.BatchNorm1d;
import org.backprop4j.nn.BatchNorm2d;
import org.backprop4j.nn.Conv2d;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.GELU;
import org.backprop4j.nn.Identity;
import org.backprop4j.nn.LeakyReLU;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaxPool2d;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Sigmoid;
import org.backprop4j.nn.Tanh;
import org.backprop4j.tensor.Tensor;

/** The models the ONNX tests export: every layer type backprop4j trains, with random weights and batch norm statistics. */
final class TestModels {
    private TestModels() {
    }

    /** Every model, by name; the scalings are powers of two, so that float32 holds them exactly. */
    static Map<String, SavedModel> all() {
        Map<String, SavedModel> m = new LinkedHashMap<>();
        m.put("mlp", mlp(Scaling.none()));
        m.put("mlp-standardized", mlp(Scaling.of(new Standardizer(new double[]{1, -2, 0.5, 3, 0},
                new double[]{2, 0.25, 0.5, 4, 1}))));
        m.put("mlp-minmax", mlp(new Scaling(Scaling.MINMAX, new double[]{0, -1, 2, 2, 0}, new double[]{1, 1, 6, 2, 8})));
        m.put("mlp-batchnorm", new SavedModel(randomised(new Sequential(new Linear(5, 8, true, new Rng(3), DType.FLOAT32),
                new BatchNorm1d(8), new ReLU(), new Linear(8, 3, true, new Rng(4), DType.FLOAT32))), List.of(), null));
        m.put("cnn", cnn());
        return m;
    }

    /** An MLP over 5 features with each activation, dropout and a layer without bias; 3 named classes. */
    static SavedModel mlp(Scaling scaling) {
        Rng rng = new Rng(1);
        Sequential s = new Sequential(new Linear(5, 8, true, rng, DType.FLOAT32), new ReLU(), new Dropout(0.3),
                new Linear(8, 8, true, rng, DType.FLOAT32), new GELU(), new Linear(8, 6, false, rng, DType.FLOAT32),
                new Tanh(), new Linear(6, 6, true, rng, DType.FLOAT32), new LeakyReLU(0.2), new Identity(),
                new Linear(6, 4, true, rng, DType.FLOAT32), new Sigmoid(), new Linear(4, 3, true, rng, DType.FLOAT32));
        return new SavedModel(s, List.of("setosa", "versicolor", "virginica"), scaling);
    }

    /** A CNN over [2, 8, 8] images: grouped conv, batch norm, max and average pooling (padded), global pooling. */
    static SavedModel cnn() {
        Rng rng = new Rng(2);
        Sequential s = new Sequential(
                Conv2d.builder(2, 4, 3).padding(1).rng(rng).build(), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(4, 4, 3).padding(1).groups(2).bias(false).rng(rng).build(), new GELU(),
                new AvgPool2d(3, 1, 1), Conv2d.builder(4, 6, 2).stride(2).dilation(1).rng(rng).build(), new Tanh(),
                new MaxPool2d(3, 1, 1), new AdaptiveAvgPool2d(1), new Flatten(), new Dropout(0.5),
                new Linear(6, 3, true, rng, DType.FLOAT32)).inputShape(2, 8, 8);
        return new SavedModel(randomised(s), List.of("a", "b", "c"), Scaling.of(new Standardizer(
                constant(128, 0.5), constant(128, 2))));
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Gives the batch norm layers statistics and affine parameters that are not the identity. */
    private static Sequential randomised(Sequential s) {
        Rng rng = new Rng(9);
        s.namedBuffers().forEach((name, t) -> {
            if (name.endsWith("running_mean")) {
                fill(t, rng, -0.5, 0.5);
            } else if (name.endsWith("running_var")) {
                fill(t, rng, 0.5, 1.5);
            }
        });
        s.namedParameters().forEach((name, t) -> {
            if (t.rank() == 1 && name.matches("\\d+\\.(weight|bias)")) {
                fill(t, rng, name.endsWith("weight") ? 0.5 : -0.2, name.endsWith("weight") ? 1.5 : 0.2);
            }
        });
        return s;
    }

    private static void fill(Tensor t, Rng rng, double lo, double hi) {
        for (int i = 0; i < t.size(); i++) {
            t.data().set(i, lo + (hi - lo) * rng.nextDouble());
        }
    }

    /** {@code n} rows of {@code features} values drawn from a fixed generator, spread over [-3, 3]. */
    static float[][] rows(int n, int features, long seed) {
        Rng rng = new Rng(seed);
        float[][] x = new float[n][features];
        for (float[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = (float) (6 * rng.nextDouble() - 3);
            }
        }
        return x;
    }
}
