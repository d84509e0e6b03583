package org.backprop4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.backprop4j.data.Dataset;

/**
 * Reads a Spark DataFrame (from Parquet or CSV) as a labelled backprop4j {@link Dataset}: the label
 * column and every other numeric column as features, in column order. Labels follow the rules of
 * {@link org.backprop4j.data.CsvReader}: the integers 0..K-1 (all present) are the class indices
 * themselves; otherwise the distinct labels are sorted (numerically when all are numbers, else as
 * strings) and become the class names. The rows are collected on the driver in the DataFrame's order.
 */
public final class TableReader {
    private TableReader() {
    }

    /** Reads {@code file}: CSV (with a header, types inferred) when the name ends in .csv or .csv.gz, else Parquet. */
    public static Dataset read(SparkSession spark, Path file, String labelColumn) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        org.apache.spark.sql.Dataset<Row> df = name.endsWith(".csv") || name.endsWith(".csv.gz")
                ? spark.read().option("header", "true").option("inferSchema", "true").csv(file.toString())
                : spark.read().parquet(file.toString());
        return fromDataFrame(df, labelColumn);
    }

    /** The data set of {@code df}; {@code labelColumn} null means the last column. */
    public static Dataset fromDataFrame(org.apache.spark.sql.Dataset<Row> df, String labelColumn) {
        StructField[] fields = df.schema().fields();
        if (fields.length < 2) {
            throw new IllegalArgumentException("a table needs a label column and at least one feature column, it has "
                    + fields.length + " columns");
        }
        String label = labelColumn != null ? labelColumn : fields[fields.length - 1].name();
        List<String> features = new ArrayList<>();
        boolean found = false;
        for (StructField f : fields) {
            if (f.name().equals(label)) {
                found = true;
            } else if (f.dataType() instanceof NumericType) {
                features.add(f.name());
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no column \"" + label + "\" in the table; its columns are "
                    + List.of(df.columns()));
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("the table has no numeric feature column besides the label \"" + label + "\"");
        }
        List<Column> cols = new ArrayList<>();
        for (String f : features) {
            cols.add(functions.col("`" + f + "`"));
        }
        cols.add(functions.col("`" + label + "`"));
        List<Row> rows = df.select(cols.toArray(new Column[0])).collectAsList();
        int d = features.size();
        float[] x = new float[rows.size() * d];
        String[] rawLabels = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            for (int j = 0; j < d; j++) {
                if (r.isNullAt(j)) {
                    throw new IllegalArgumentException("row " + (i + 1) + ": missing value in column \"" + features.get(j) + "\"");
                }
                x[i * d + j] = ((Number) r.get(j)).floatValue();
            }
            if (r.isNullAt(d)) {
                throw new IllegalArgumentException("row " + (i + 1) + ": missing label");
            }
            Object v = r.get(d);
            rawLabels[i] = v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? Long.toString(n.longValue()) : String.valueOf(v);
        }
        return labelled(x, d, rawLabels, features);
    }

    private static Dataset labelled(float[] x, int d, String[] raw, List<String> featureNames) {
        Set<String> distinct = new LinkedHashSet<>(List.of(raw));
        int k = distinct.size();
        boolean indices = true;
        for (String s : distinct) {
            indices &= s.matches("\\d+") && s.length() < 10 && Integer.parseInt(s) < k;
        }
        int[] y = new int[raw.length];
        if (indices) {
            for (int i = 0; i < raw.length; i++) {
                y[i] = Integer.parseInt(raw[i]);
            }
            return new Dataset(x, d, y, k, List.of(), featureNames);
        }
        List<String> names = new ArrayList<>(distinct);
        boolean numeric = names.stream().allMatch(TableReader::isNumber);
        names.sort(numeric ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : String::compareTo);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
        for (int i = 0; i < raw.length; i++) {
            y[i] = index.get(raw[i]);
        }
        return new Dataset(x, d, y, k, names, featureNames);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
