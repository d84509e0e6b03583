package org.backprop4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * How a Spark DataFrame (from Parquet or CSV) becomes labelled samples: the label column and every
 * other numeric column as features, in column order. Labels follow the rules of
 * {@link org.backprop4j.data.CsvReader}: the integers 0..K-1 (all present) are the class indices
 * themselves; otherwise the distinct labels are sorted (numerically when all are numbers, else as
 * strings) and become the class names. The rows are turned into {@link Shard} blocks in the
 * executors, partition by partition, never gathered in the driver.
 */
final class TableReader {
    /** Samples per block of a partition. */
    static final int BLOCK_ROWS = 1024;
    /** The most distinct labels a label column may have. */
    static final int MAX_CLASSES = 100_000;

    private TableReader() {
    }

    /** The DataFrame of {@code path}: CSV (with a header, types inferred) when the name ends in .csv or .csv.gz, else Parquet. */
    static org.apache.spark.sql.Dataset<Row> load(SparkSession spark, String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".csv.gz")
                ? spark.read().option("header", "true").option("inferSchema", "true").csv(path)
                : spark.read().parquet(path);
    }

    /**
     * The feature columns and the label column of {@code df}, selected in that order; {@code labelColumn}
     * null means the last column.
     */
    static Columns columns(org.apache.spark.sql.Dataset<Row> df, String labelColumn) {
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
        return new Columns(df.select(cols.toArray(new Column[0])), features, label);
    }

    /**
     * The selected columns: features first, the label last.
     *
     * @param frame the DataFrame of those columns
     * @param features the feature column names
     * @param label the label column name
     */
    record Columns(org.apache.spark.sql.Dataset<Row> frame, List<String> features, String label) {
    }

    /** A label as text: an integral number without its fraction, anything else as it prints. */
    static String rawLabel(Object v) {
        return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue()) : String.valueOf(v);
    }

    /** The class of each distinct raw label, by the rules of {@link org.backprop4j.data.CsvReader}. */
    static Classes classes(List<String> distinct) {
        int k = distinct.size();
        boolean indices = k > 0;
        for (String s : distinct) {
            indices &= s.matches("\\d+") && s.length() < 10 && Integer.parseInt(s) < k;
        }
        List<String> names = new ArrayList<>(distinct);
        if (!indices) {
            boolean numeric = names.stream().allMatch(TableReader::isNumber);
            names.sort(numeric ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : String::compareTo);
        } else {
            names.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
        return new Classes(indices ? List.of() : List.copyOf(names), index);
    }

    /**
     * The classes of a label column.
     *
     * @param names the class names, empty when the labels are the class indices 0..K-1
     * @param index the class of each raw label
     */
    record Classes(List<String> names, Map<String, Integer> index) implements Serializable {
        /** K. */
        int count() {
            return index.size();
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The rows of one partition as blocks of up to {@link #BLOCK_ROWS} samples, numbered from 0 within
     * the partition; built lazily, so a partition is never held whole. A missing or non-finite value
     * or a missing label is an {@link IllegalArgumentException} naming the row and the column.
     */
    static Iterator<Shard> blocks(int partition, Iterator<Row> rows, List<String> features, Classes classes) {
        int d = features.size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Shard next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                float[] x = new float[BLOCK_ROWS * d];
                int[] y = new int[BLOCK_ROWS];
                int n = 0;
                while (n < BLOCK_ROWS && rows.hasNext()) {
                    Row r = rows.next();
                    for (int j = 0; j < d; j++) {
                        float v = r.isNullAt(j) ? Float.NaN : ((Number) r.get(j)).floatValue();
                        if (!Float.isFinite(v)) {
                            throw new IllegalArgumentException("row " + (next + n + 1) + " of input partition " + partition
                                    + ": " + (r.isNullAt(j) ? "missing value" : "value " + v) + " in column \""
                                    + features.get(j) + "\"; features must be finite numbers");
                        }
                        x[n * d + j] = v;
                    }
                    if (r.isNullAt(d)) {
                        throw new IllegalArgumentException("row " + (next + n + 1) + " of input partition " + partition
                                + ": missing label");
                    }
                    y[n] = classes.index().get(rawLabel(r.get(d)));
                    n++;
                }
                Shard s = Shard.block(next, d, n == BLOCK_ROWS ? x : java.util.Arrays.copyOf(x, n * d),
                        n == BLOCK_ROWS ? y : java.util.Arrays.copyOf(y, n));
                next += n;
                return s;
            }
        };
    }
}
