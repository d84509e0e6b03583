package org.backprop4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Reference values computed outside this project (PyTorch, mpmath) by the generator script
 * {@code core/src/test/python/reference_values.py}, read from the file it writes,
 * {@code reference-values.properties} in the test resources (its header names the versions used).
 */
public final class ReferenceValues {
    private static final Properties VALUES = load();

    private ReferenceValues() {
    }

    /** The comma-separated values stored under {@code key}; fails when the key is missing. */
    public static double[] of(String key) {
        String v = VALUES.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no reference value '" + key + "'; run core/src/test/python/reference_values.py");
        }
        return Arrays.stream(v.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    /** The single value stored under {@code key}. */
    public static double one(String key) {
        double[] v = of(key);
        if (v.length != 1) {
            throw new IllegalArgumentException("reference '" + key + "' has " + v.length + " values, not one");
        }
        return v[0];
    }

    private static Properties load() {
        try (InputStream in = ReferenceValues.class.getResourceAsStream("reference-values.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
