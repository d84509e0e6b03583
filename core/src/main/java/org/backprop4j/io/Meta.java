package org.backprop4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backprop4j.internal.Json;

/**
 * Reads typed values out of {@code __metadata__} strings, with errors that name the file and the key.
 * Numbers are JSON numbers written by {@link Double#toString(double)}, so they read back exactly;
 * non-finite doubles are the JSON strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
final class Meta {
    private final Map<String, String> map;
    private final Path file;

    Meta(Map<String, String> map, Path file) {
        this.map = map;
        this.file = file;
    }

    SafeTensorsException fail(String key, String problem) {
        return new SafeTensorsException(file, "metadata " + Json.quote(key) + " " + problem);
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    String string(String key) {
        String v = map.get(key);
        if (v == null) {
            throw new SafeTensorsException(file, "metadata " + Json.quote(key) + " is missing; was this file written by "
                    + "backprop4j?");
        }
        return v;
    }

    int integer(String key) {
        String v = string(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw fail(key, "must be an integer, got " + Json.quote(v));
        }
    }

    long longValue(String key) {
        String v = string(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw fail(key, "must be an integer, got " + Json.quote(v));
        }
    }

    double doubleValue(String key) {
        String v = string(key);
        Object o = json(key);
        if (!(o instanceof Json.Num)) {
            throw fail(key, "must be a number, got " + Json.quote(v));
        }
        return ((Json.Num) o).doubleValue();
    }

    Object json(String key) {
        String v = string(key);
        try {
            return Json.parse(v);
        } catch (Json.SyntaxError e) {
            throw fail(key, "is not valid JSON (" + e.getMessage() + " of the value)");
        }
    }

    List<?> array(String key) {
        Object o = json(key);
        if (!(o instanceof List)) {
            throw fail(key, "must be a JSON array");
        }
        return (List<?>) o;
    }

    Map<?, ?> object(String key) {
        Object o = json(key);
        if (!(o instanceof Map)) {
            throw fail(key, "must be a JSON object");
        }
        return (Map<?, ?>) o;
    }

    int[] intArray(String key) {
        List<?> a = array(key);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) integer(a.get(i), key, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return out;
    }

    long[] longArray(String key) {
        return longs(array(key), key);
    }

    long[] longs(List<?> a, String key) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(a.get(i), key, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return out;
    }

    double[] doubleArray(String key) {
        List<?> a = array(key);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), key);
        }
        return out;
    }

    List<String> stringList(String key) {
        List<?> a = array(key);
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String)) {
                throw fail(key, "must be a JSON array of strings");
            }
            out.add((String) o);
        }
        return out;
    }

    long integer(Object o, String key, long min, long max) {
        if (!(o instanceof Json.Num) || !((Json.Num) o).isInteger()) {
            throw fail(key, "must hold integers, found " + (o instanceof Json.Num ? ((Json.Num) o).text() : String.valueOf(o)));
        }
        try {
            long v = ((Json.Num) o).bigInteger().longValueExact();
            if (v < min || v > max) {
                throw new ArithmeticException();
            }
            return v;
        } catch (ArithmeticException e) {
            throw fail(key, "holds the integer " + ((Json.Num) o).text() + ", which is out of range");
        }
    }

    /** A JSON number, or one of the strings "NaN", "Infinity", "-Infinity". */
    double number(Object o, String key) {
        if (o instanceof Json.Num) {
            return ((Json.Num) o).doubleValue();
        }
        if ("NaN".equals(o)) {
            return Double.NaN;
        } else if ("Infinity".equals(o)) {
            return Double.POSITIVE_INFINITY;
        } else if ("-Infinity".equals(o)) {
            return Double.NEGATIVE_INFINITY;
        }
        throw fail(key, "must hold numbers, found " + o);
    }

    /** A double as JSON: a number when finite, else a string that {@link #number} reads back. */
    static String anyDouble(double v) {
        if (Double.isNaN(v)) {
            return "\"NaN\"";
        } else if (Double.isInfinite(v)) {
            return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        return Double.toString(v);
    }
}
