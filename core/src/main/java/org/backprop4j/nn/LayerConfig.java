package org.backprop4j.nn;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;

/**
 * What a saved model file records about one layer: its type ({@code "Linear"}, {@code "ReLU"}, ...,
 * PyTorch's class names) and the settings that rebuild it (numbers and booleans by PyTorch's
 * argument names, such as {@code in_features}). A module describes itself with {@link Module#config()},
 * and {@link LayerRegistry} rebuilds it from this description.
 *
 * @param type the layer type, a key of {@link LayerRegistry}
 * @param attributes the settings by name: numbers (kept as {@link Double}) and booleans (an unmodifiable copy)
 */
public record LayerConfig(String type, Map<String, Object> attributes) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the type and the values, and copies the attributes with numbers as doubles. */
    public LayerConfig {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("a layer type must not be empty");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        Objects.requireNonNull(attributes, "attributes").forEach((k, v) -> {
            if (v instanceof Number n) {
                copy.put(k, n.doubleValue());
            } else if (v instanceof Boolean) {
                copy.put(k, v);
            } else {
                throw new IllegalArgumentException(type + " attribute '" + k + "' must be a number or a boolean, got " + v);
            }
        });
        attributes = Collections.unmodifiableMap(copy);
    }

    /** A configuration of {@code type} from alternating names and values: {@code of("Dropout", "p", 0.5)}. */
    public static LayerConfig of(String type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate, got " + namesAndValues.length + " items");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new LayerConfig(type, m);
    }

    /** The number under {@code name}; throws naming the layer when it is missing or not a number. */
    public double number(String name) {
        Object v = attributes.get(name);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException(type + " needs a number '" + name + "', got " + v);
        }
        return d;
    }

    /** The whole number under {@code name} that fits an int; throws naming the layer otherwise. */
    public int integer(String name) {
        double v = number(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(type + " needs a whole number '" + name + "', got " + v);
        }
        return (int) v;
    }

    /** The boolean under {@code name}; throws naming the layer when it is missing or not a boolean. */
    public boolean flag(String name) {
        Object v = attributes.get(name);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(type + " needs true or false for '" + name + "', got " + v);
        }
        return b;
    }

    /** A new layer of this description ({@link LayerRegistry#build}). */
    public Module build(Rng rng, DType dtype) {
        return LayerRegistry.build(this, rng, dtype);
    }

    /** The type with its attributes, such as {@code Linear(in_features=4, out_features=3, bias=true)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", type + "(", ")");
        attributes.forEach((k, v) -> j.add(k + "=" + (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue()) : v.toString())));
        return j.toString();
    }
}
