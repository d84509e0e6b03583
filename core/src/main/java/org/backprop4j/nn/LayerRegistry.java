package org.backprop4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;

/**
 * The layer types a model file can hold, each rebuilt from its {@link LayerConfig}. A new layer
 * type overrides {@link Module#config()} and adds one line here.
 */
public final class LayerRegistry {
    /** Builds a layer of one type from its configuration, weights from {@code rng} in {@code dtype}. */
    @FunctionalInterface
    interface Factory {
        Module build(LayerConfig config, Rng rng, DType dtype);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();
    /** The parameter count of the layer types that have parameters, from their configuration. */
    private static final Map<String, ToLongFunction<LayerConfig>> PARAMETERS = Map.of("Linear", Linear::parameterCount);

    static {
        FACTORIES.put("Linear", (c, rng, dtype) -> new Linear(c.integer(Linear.IN_FEATURES),
                c.integer(Linear.OUT_FEATURES), c.flag(Linear.BIAS), rng, dtype));
        FACTORIES.put("ReLU", (c, rng, dtype) -> new ReLU());
        FACTORIES.put("LeakyReLU", (c, rng, dtype) -> new LeakyReLU(c.number(LeakyReLU.NEGATIVE_SLOPE)));
        FACTORIES.put("Tanh", (c, rng, dtype) -> new Tanh());
        FACTORIES.put("Sigmoid", (c, rng, dtype) -> new Sigmoid());
        FACTORIES.put("GELU", (c, rng, dtype) -> new GELU());
        FACTORIES.put("Identity", (c, rng, dtype) -> new Identity());
        FACTORIES.put("Flatten", (c, rng, dtype) -> new Flatten());
        FACTORIES.put("Softmax", (c, rng, dtype) -> new Softmax(c.integer(Softmax.DIM)));
        FACTORIES.put("LogSoftmax", (c, rng, dtype) -> new LogSoftmax(c.integer(Softmax.DIM)));
        FACTORIES.put("Dropout", (c, rng, dtype) -> new Dropout(c.number(Dropout.P), rng));
        FACTORIES.put("Conv2d", Conv2d::fromConfig);
        FACTORIES.put("MaxPool2d", (c, rng, dtype) -> new MaxPool2d(c.integer("kernel_size"), c.integer("stride"),
                c.integer("padding")));
        FACTORIES.put("AvgPool2d", (c, rng, dtype) -> new AvgPool2d(c.integer("kernel_size"), c.integer("stride"),
                c.integer("padding")));
        FACTORIES.put("AdaptiveAvgPool2d", (c, rng, dtype) -> new AdaptiveAvgPool2d(c.integer("output_size")));
        FACTORIES.put("BatchNorm1d", (c, rng, dtype) -> new BatchNorm1d(c.integer("num_features"), c.number("eps"),
                c.number("momentum"), dtype));
        FACTORIES.put("BatchNorm2d", (c, rng, dtype) -> new BatchNorm2d(c.integer("num_features"), c.number("eps"),
                c.number("momentum"), dtype));
    }

    private LayerRegistry() {
    }

    /**
     * The number of parameters a layer of this description has (0 for a type without parameters),
     * computed without building it.
     */
    public static long parameterCount(LayerConfig config) {
        ToLongFunction<LayerConfig> count = PARAMETERS.get(config.type());
        return count == null ? 0 : count.applyAsLong(config);
    }

    /** The layer types, in registration order. */
    public static Set<String> types() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /**
     * A new layer of the described type and settings, its weights drawn from {@code rng} in
     * {@code dtype} (Dropout also keeps {@code rng} for its masks). Throws naming the known types
     * for an unknown one, or the attribute that is missing or invalid.
     */
    public static Module build(LayerConfig config, Rng rng, DType dtype) {
        Objects.requireNonNull(config, "config");
        Factory f = FACTORIES.get(config.type());
        if (f == null) {
            throw new IllegalArgumentException("unknown layer type '" + config.type() + "'; known types are "
                    + String.join(", ", FACTORIES.keySet()));
        }
        Module m = f.build(config, rng, dtype);
        if (!m.config().map(config::equals).orElse(false)) {
            throw new IllegalArgumentException(config + " has attributes that " + config.type() + " does not use; it is "
                    + m.config().map(LayerConfig::toString).orElse("?"));
        }
        return m;
    }
}
