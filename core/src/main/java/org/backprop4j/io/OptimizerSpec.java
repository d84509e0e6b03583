package org.backprop4j.io;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerRegistry;
import org.backprop4j.tensor.Tensor;

/**
 * The kind and hyper-parameters of an optimiser, enough to rebuild it over a model's parameters
 * before restoring its state with {@link Optimizer#loadStateDict}: a name of {@link OptimizerRegistry}
 * and the optimiser's own {@link Optimizer#hyperParameters()}. Serialisable, so Spark can ship it.
 *
 * <pre>{@code
 * OptimizerSpec spec = new OptimizerSpec("sgd", Map.of("lr", 0.05, "momentum", 0.9));
 * Optimizer opt = spec.build(model.parameters());
 * }</pre>
 *
 * @param name the optimiser's name, such as {@code "sgd"}, {@code "adam"} or {@code "adamw"} (kept in lower case)
 * @param hyperParameters every hyper-parameter, completed with the optimiser's defaults (unmodifiable)
 */
public record OptimizerSpec(String name, Map<String, Object> hyperParameters) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Validates the name and values by building the optimiser once, and completes the defaults. */
    public OptimizerSpec {
        Objects.requireNonNull(hyperParameters, "hyperParameters");
        name = OptimizerRegistry.canonicalName(name);
        // normalised through the optimiser itself: defaults filled in, integers become doubles, invalid values throw
        hyperParameters = OptimizerRegistry.create(name, List.of(Tensor.zeros(1).requiresGrad()), hyperParameters)
                .hyperParameters();
    }

    /** The spec of an existing optimiser, with its current learning rate. */
    public static OptimizerSpec of(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        return new OptimizerSpec(optimizer.name(), optimizer.hyperParameters());
    }

    /** The learning rate (the state dict's {@code lr} overrides it when restoring). */
    public double lr() {
        return ((Number) hyperParameters.get("lr")).doubleValue();
    }

    /** A new optimiser of this kind and these hyper-parameters over {@code params} (fresh state). */
    public Optimizer build(List<Tensor> params) {
        return OptimizerRegistry.create(name, params, hyperParameters);
    }
}
