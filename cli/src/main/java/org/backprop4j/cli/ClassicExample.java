package org.backprop4j.cli;

import java.util.Locale;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Tensor;

/**
 * The classic small network of step-by-step backpropagation tutorials: inputs (0.05, 0.10), two
 * sigmoid hidden units, two outputs, weights 0.15 ... 0.55 and biases 0.35 / 0.60, here with softmax
 * cross-entropy. The input weight {@code 0.weight[0,1]} (x_1 into h_0) reaches the loss along two
 * paths, through z_0 and z_1.
 */
final class ClassicExample {
    /** The parameter element explained by default: it reaches E along two paths. */
    static final String TWO_PATH_WEIGHT = "0.weight[0,1]";

    private ClassicExample() {
    }

    /** The float64 model in PyTorch layout: {@code 0.weight [2,2], 0.bias [2], 2.weight [2,2], 2.bias [2]}. */
    static Sequential model() {
        Sequential m = Mlp.of(2, new int[]{2}, 2, "sigmoid", 0, new Rng(0), DType.FLOAT64);
        set(m, "0.weight", 0.15, 0.20, 0.25, 0.30);
        set(m, "0.bias", 0.35, 0.35);
        set(m, "2.weight", 0.40, 0.45, 0.50, 0.55);
        set(m, "2.bias", 0.60, 0.60);
        return m;
    }

    private static void set(Sequential m, String name, double... values) {
        NDArray d = m.namedParameters().get(name).data();
        for (int i = 0; i < values.length; i++) {
            d.set(i, values[i]);
        }
    }

    /** The problem with a one-hot target of class {@code target}, or with soft targets that do not sum to one. */
    static Problem problem(int target, boolean soft) {
        if (target < 0 || target > 1) {
            throw new IllegalArgumentException("--class must be 0 or 1 for the built-in example, got " + target);
        }
        Sequential model = model();
        Tensor x = Tensor.of(new double[]{0.05, 0.10}, 1, 2);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        String what = "classic network 2-2-2 (sigmoid hidden units, softmax cross-entropy), x = [0.05, 0.10], ";
        if (soft) {
            Tensor t = Targets.soft(target, 2);
            return new Problem(model, x, () -> ce.apply(model.forward(x), t),
                    what + "soft targets t = " + Targets.str(t) + " (tau = " + Targets.tau(t) + ")", TWO_PATH_WEIGHT);
        }
        int[] labels = {target};
        return new Problem(model, x, () -> ce.apply(model.forward(x), labels),
                what + String.format(Locale.ROOT, "one-hot target class %d", target), TWO_PATH_WEIGHT);
    }
}
