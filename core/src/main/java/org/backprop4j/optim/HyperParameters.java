package org.backprop4j.optim;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Hyper-parameters by name as an optimiser's factory reads them (see {@link OptimizerRegistry}):
 * each name the factory asks for is applied when present and left at the builder's default when
 * absent; names nobody asked for are reported by {@link OptimizerRegistry#create} as unknown.
 */
public final class HyperParameters {
    private final String optimizer;
    private final Map<String, ?> values;
    private final Set<String> known = new LinkedHashSet<>();

    HyperParameters(String optimizer, Map<String, ?> values) {
        this.optimizer = optimizer;
        this.values = Objects.requireNonNull(values, "hyperParameters");
    }

    /** Passes the number under {@code key} to {@code setter} when present; throws when it is not a number. */
    public void number(String key, DoubleConsumer setter) {
        Object v = lookup(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(optimizer + " hyper-parameter '" + key + "' must be a number, got " + v);
        }
        setter.accept(n.doubleValue());
    }

    /** Passes the boolean under {@code key} to {@code setter} when present; throws when it is not a boolean. */
    public void flag(String key, Consumer<Boolean> setter) {
        Object v = lookup(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(optimizer + " hyper-parameter '" + key + "' must be true or false, got " + v);
        }
        setter.accept(b);
    }

    private Object lookup(String key) {
        known.add(key);
        return values.get(key);
    }

    /** Throws naming the keys that no {@link #number}/{@link #flag} call asked for. */
    void requireAllKnown() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(optimizer + " has no hyper-parameter '" + key + "'; it has " + known);
            }
        }
    }
}
