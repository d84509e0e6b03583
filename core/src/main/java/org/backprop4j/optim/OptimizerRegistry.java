package org.backprop4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/**
 * The optimisers by name, each built from its {@link Optimizer#hyperParameters()}: what checkpoints,
 * Spark workers and the command line use to rebuild an optimiser. A new optimiser adds one line here
 * and a static {@code create(List<Tensor>, HyperParameters)} beside its builder.
 *
 * <pre>{@code
 * Optimizer opt = OptimizerRegistry.create("adam", model.parameters(), Map.of("lr", 1e-3, "amsgrad", true));
 * Optimizer copy = OptimizerRegistry.create(opt.name(), model.parameters(), opt.hyperParameters());
 * }</pre>
 */
public final class OptimizerRegistry {
    /** Builds an optimiser of one kind from its hyper-parameters. */
    @FunctionalInterface
    interface Factory {
        Optimizer create(List<Tensor> params, HyperParameters hyperParameters);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(SGD.NAME, SGD::create);
        FACTORIES.put(Adam.NAME, Adam::create);
        FACTORIES.put(AdamW.NAME, AdamW::create);
    }

    private OptimizerRegistry() {
    }

    /** The names of the optimisers, in registration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /**
     * A new optimiser {@code name} (case-insensitive) over {@code params}: the given hyper-parameters
     * (numbers and booleans by their names in {@link Optimizer#hyperParameters()}), defaults for the
     * others. Throws naming the problem for an unknown optimiser, an unknown name or an invalid value.
     */
    public static Optimizer create(String name, List<Tensor> params, Map<String, ?> hyperParameters) {
        String key = canonicalName(name);
        HyperParameters hp = new HyperParameters(key, hyperParameters);
        Optimizer o = FACTORIES.get(key).create(params, hp);
        hp.requireAllKnown();
        return o;
    }

    /** Every hyper-parameter of optimiser {@code name} at its default value. */
    public static Map<String, Object> defaults(String name) {
        return create(name, List.of(Tensor.zeros(DType.FLOAT32, 1).requiresGrad()), Map.of()).hyperParameters();
    }

    /** The registered name for {@code name} in any case; throws naming the known ones when there is none. */
    public static String canonicalName(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.toLowerCase(Locale.ROOT);
        if (!FACTORIES.containsKey(key)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose one of "
                    + String.join(", ", FACTORIES.keySet()));
        }
        return key;
    }
}
