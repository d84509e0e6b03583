package org.backprop4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label column of a CSV source as it is read: each distinct label text gets a provisional id
 * in order of first appearance; at the end the ids are mapped to class indices (see
 * {@link CsvReader} for the rules).
 */
final class CsvLabels {
    /** Class indices, the number of classes and their names (empty when the classes are integers). */
    record Mapping(int[] labels, int numClasses, List<String> names) {
    }

    /** The most distinct labels a column may have: more is a column of values, not of classes. */
    static final int MAX_CLASSES = 100_000;

    private final CsvColumns cols;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> distinct = new ArrayList<>();
    private final List<Integer> firstLines = new ArrayList<>();
    private int[] raw = new int[1024];
    private int n;

    CsvLabels(CsvColumns cols) {
        this.cols = cols;
    }

    /** Adds the label of the row on {@code line}. */
    void add(String field, int line) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException(cols.where(line, cols.label()) + ": missing label");
        }
        Integer id = ids.get(field);
        if (id == null) {
            if (distinct.size() == MAX_CLASSES) {
                throw new IllegalArgumentException(cols.where(line, cols.label()) + ": more than " + MAX_CLASSES
                        + " distinct labels; is this the label column?");
            }
            id = distinct.size();
            ids.put(field, id);
            distinct.add(field);
            firstLines.add(line);
        }
        if (n == raw.length) {
            raw = Arrays.copyOf(raw, (int) Math.min(Integer.MAX_VALUE - 8, n + (long) (n >> 1))); // the features fail first
        }
        raw[n++] = id;
    }

    /** Class k is {@code classes.get(k)}; any other label is an error. */
    Mapping mapTo(List<String> classes) {
        int[] f = new int[distinct.size()];
        for (int a = 0; a < f.length; a++) {
            f[a] = classes.indexOf(distinct.get(a));
            if (f[a] < 0) {
                throw new IllegalArgumentException(cols.where(firstLines.get(a), cols.label()) + ": label "
                        + CsvText.quote(distinct.get(a)) + " is not one of the classes " + CsvText.quote(classes));
            }
        }
        return new Mapping(remap(f), classes.size(), classes);
    }

    /** Every label must be an integer in [0, k) and is its own class. */
    Mapping mapToIntegers(int k) {
        int[] f = new int[distinct.size()];
        for (int a = 0; a < f.length; a++) {
            double v = value(distinct.get(a));
            if (!(v >= 0 && v < k && v == Math.rint(v))) {
                throw new IllegalArgumentException(cols.where(firstLines.get(a), cols.label()) + ": label "
                        + CsvText.quote(distinct.get(a)) + " is not an integer in [0, " + k + ")");
            }
            f[a] = (int) v;
        }
        return new Mapping(remap(f), k, List.of());
    }

    /** Integers 0..K-1 are their own classes; other labels are sorted, numerically when all are numbers. */
    Mapping mapAuto() {
        int[] f = new int[distinct.size()];
        boolean allNumbers = distinct.stream().allMatch(CsvColumns::isNumber);
        if (!allNumbers) {
            List<String> sorted = new ArrayList<>(distinct);
            sorted.sort(null);
            for (int a = 0; a < f.length; a++) {
                f[a] = sorted.indexOf(distinct.get(a));
            }
            return new Mapping(remap(f), sorted.size(), sorted);
        }
        TreeMap<Double, String> byValue = new TreeMap<>(); // value -> its first text, e.g. "1" for "1" and "1.0"
        for (String s : distinct) {
            byValue.putIfAbsent(value(s), s);
        }
        int k = byValue.size();
        boolean identity = byValue.firstKey() == 0 && byValue.lastKey() == k - 1
                && byValue.keySet().stream().allMatch(v -> v == Math.rint(v));
        List<Double> values = new ArrayList<>(byValue.keySet());
        for (int a = 0; a < f.length; a++) {
            double v = value(distinct.get(a));
            f[a] = identity ? (int) v : values.indexOf(v);
        }
        return new Mapping(remap(f), k, identity ? List.of() : new ArrayList<>(byValue.values()));
    }

    private static double value(String s) {
        return CsvColumns.isNumber(s) ? Double.parseDouble(s) + 0.0 : Double.NaN; // + 0.0 turns -0.0 into 0.0
    }

    private int[] remap(int[] f) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = f[raw[i]];
        }
        return labels;
    }
}
