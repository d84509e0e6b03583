package org.backprop4j.cli;

import java.util.List;
import java.util.Locale;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;

/** Builds the optimiser that {@code --optimizer} names, with its default learning rate. */
final class Optimizers {
    private Optimizers() {
    }

    /** The default learning rate of an optimiser: 0.1 for sgd, 0.001 for adam and adamw. */
    static double defaultLr(String name) {
        return check(name).equals("sgd") ? 0.1 : 1e-3;
    }

    /** The optimiser {@code name} of {@code params}; a null weight decay means the optimiser's default (0.01 for adamw, else 0). */
    static Optimizer create(String name, List<Tensor> params, double lr, double momentum, Double weightDecay) {
        switch (check(name)) {
            case "sgd":
                return SGD.builder(params).lr(lr).momentum(momentum).weightDecay(weightDecay == null ? 0 : weightDecay)
                        .build();
            case "adam":
                return Adam.builder(params).lr(lr).weightDecay(weightDecay == null ? 0 : weightDecay).build();
            default:
                return AdamW.builder(params).lr(lr).weightDecay(weightDecay == null ? 0.01 : weightDecay).build();
        }
    }

    private static String check(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.equals("sgd") && !n.equals("adam") && !n.equals("adamw")) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose sgd, adam or adamw");
        }
        return n;
    }
}
