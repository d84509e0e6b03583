package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.backprop4j.io.SavedModel;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Module;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that choose what explain and graph work on: the built-in example, or a saved model on one input. */
final class ProblemOptions {
    @Option(names = "--model", paramLabel = "FILE", description = "A saved model (safetensors, or ONNX: .onnx); default: the built-in classic 2-2-2 example.")
    Path model;

    @Option(names = "--input", defaultValue = "0", paramLabel = "i",
            description = "With --model: the sample of the test part of the data to use (default: ${DEFAULT-VALUE}).")
    int input;

    @Option(names = "--seed", defaultValue = "42",
            description = "With --model and a data set without its own test set: the seed of the held-out split, as given to train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--targets", defaultValue = "onehot", description = "onehot, or soft: 0.9 for the class and 0.2 for the others, so tau = sum t != 1 (default: ${DEFAULT-VALUE}).")
    String targets;

    @Option(names = "--class", paramLabel = "k", description = "The target class (default: 1 for the built-in example, the sample's label with --model).")
    Integer targetClass;

    /** The problem these options describe. */
    Problem problem() {
        boolean soft = switch (targets.toLowerCase(Locale.ROOT)) {
            case "onehot", "one-hot", "labels" -> false;
            case "soft" -> true;
            default -> throw new IllegalArgumentException("unknown --targets '" + targets + "'; choose onehot or soft");
        };
        if (model == null) {
            return ClassicExample.problem(targetClass == null ? 1 : targetClass, soft);
        }
        data.validate();
        SavedModel saved = SavedModels.load("--model", model);
        String dataset = data.name();
        Dataset all = ModelData.load(data, saved, model, seed); // its test part, with the scaler saved with the model
        if (input < 0 || input >= all.size()) {
            throw new IllegalArgumentException("--input " + input + " is outside the " + all.size()
                    + " test samples of " + dataset);
        }
        Module m = saved.model();
        m.to(DType.FLOAT64);
        m.eval();
        int f = all.numFeatures();
        double[] row = new double[f];
        for (int j = 0; j < f; j++) {
            row[j] = all.feature(input, j);
        }
        Tensor x = Tensor.of(row, 1, f);
        int k = all.numClasses();
        int label = targetClass == null ? all.label(input) : targetClass;
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException("--class " + label + " is outside the " + k + " classes of " + dataset);
        }
        CrossEntropyLoss ce = new CrossEntropyLoss();
        String first = m.namedParameters().keySet().stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model in " + model + " has no parameters"));
        String param = first + "[" + "0,".repeat(m.namedParameters().get(first).rank()).replaceAll(",$", "") + "]";
        String what = model.getFileName() + " on " + dataset + " test sample " + input + " (label " + all.label(input) + ")";
        if (soft) {
            Tensor t = Targets.soft(label, k);
            return new Problem(m, x, () -> ce.apply(m.forward(x), t), what + ", soft targets (tau = " + Targets.tau(t) + ")", param);
        }
        int[] labels = {label};
        return new Problem(m, x, () -> ce.apply(m.forward(x), labels), what + ", one-hot target class " + label, param);
    }
}
