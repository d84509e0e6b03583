package org.backprop4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of one CSV source: how many, their header names if any, which one is the label; it
 * parses feature values and names the file, line and column in every error.
 */
final class CsvColumns {
    private final String source;
    private final int count;
    private final int widthLine;
    private final List<String> names;
    private final int label;

    CsvColumns(String source, int count, int widthLine, List<String> names, int label) {
        this.source = source;
        this.count = count;
        this.widthLine = widthLine;
        this.names = names;
        this.label = label;
        if (count < 2) {
            throw new IllegalArgumentException(source + ", line " + widthLine + ": found " + count
                    + " column, but a data set needs at least one feature column and a label column");
        }
    }

    /** The number of columns, features and label. */
    int count() {
        return count;
    }

    /** The 0-based index of the label column. */
    int label() {
        return label;
    }

    /** The header names of the feature columns, or an empty list without a header. */
    List<String> featureNames() {
        if (names == null) {
            return List.of();
        }
        List<String> f = new ArrayList<>(names);
        f.remove(label);
        return f;
    }

    /** "column C ("name", index C-1)": the 1-based number, the header name if any, the 0-based index. */
    String column(int j) {
        return "column " + (j + 1) + " (" + (names == null || j >= names.size() ? "" : CsvText.quote(names.get(j)) + ", ")
                + "index " + j + ")";
    }

    /** "file, line L, column C ("name", index C-1)". */
    String where(int line, int j) {
        return source + ", line " + line + ", " + column(j);
    }

    /** Throws unless {@code row} has as many fields as the first row. */
    void checkWidth(List<String> row, int line) {
        if (row.size() == count) {
            return;
        }
        int j = Math.min(row.size(), count);
        throw new IllegalArgumentException(source + ", line " + line + ": " + row.size() + " fields where line "
                + widthLine + " has " + count + "; " + column(j) + (row.size() < count ? " is missing" : " is extra"));
    }

    /** The float value of a feature field, or an error naming the file, line and column. */
    float parseFeature(String field, int line, int j) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException(where(line, j) + ": missing value");
        }
        if (!isNumber(field)) {
            throw new IllegalArgumentException(where(line, j) + ": " + CsvText.quote(field) + " is not a number");
        }
        float v = Float.parseFloat(field);
        if (Float.isInfinite(v)) {
            throw new IllegalArgumentException(where(line, j) + ": " + field + " is outside the float32 range");
        }
        return v;
    }

    /**
     * True for a plain decimal number: optional sign, digits with an optional point (at least one
     * digit), optional exponent. Not NaN, Infinity, hexadecimal or Java's d/f suffixes.
     */
    static boolean isNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
