package org.backprop4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerRegistry;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;

/** Builds the optimiser that {@code --optimizer} names from the command line's few hyper-parameters. */
final class Optimizers {
    private static final String MOMENTUM = "momentum";
    private static final String WEIGHT_DECAY = "weight_decay";

    private Optimizers() {
    }

    /** The command line's default learning rate: 0.1 for sgd, else the optimiser's own default (0.001 for adam and adamw). */
    static double defaultLr(String name) {
        return OptimizerRegistry.canonicalName(name).equals(SGD.NAME) ? 0.1
                : ((Number) OptimizerRegistry.defaults(name).get("lr")).doubleValue();
    }

    /**
     * The optimiser {@code name} of {@code params}; {@code momentum} applies to optimisers that have
     * one, and a null weight decay means the optimiser's default (0.01 for adamw, else 0).
     */
    static Optimizer create(String name, List<Tensor> params, double lr, double momentum, Double weightDecay) {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("lr", lr);
        if (OptimizerRegistry.defaults(name).containsKey(MOMENTUM)) {
            hp.put(MOMENTUM, momentum);
        }
        if (weightDecay != null) {
            hp.put(WEIGHT_DECAY, weightDecay);
        }
        return OptimizerRegistry.create(name, params, hp);
    }
}
