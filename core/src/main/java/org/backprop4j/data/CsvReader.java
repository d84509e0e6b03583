package org.backprop4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.backprop4j.ndarray.MemoryBudget;
import java.util.zip.ZipException;

/**
 * Reads a labelled {@link Dataset} from CSV text, plain or gzip-compressed (recognised by its
 * magic bytes, whatever the file name): one sample per row, numeric feature columns and one label
 * column (by default the last).
 *
 * <p><b>Header.</b> By default the first row is a header when, in some column, it is not a number
 * while the second row is (a header can also be forced on or off); its names become the feature
 * names. <b>Labels.</b> When the labels are the integers 0..K-1 (each of them present) they are the
 * class indices themselves and the classes have no names. Otherwise the distinct labels are sorted
 * (numerically when all are numbers, else as strings), class k is the k-th of them, and they become
 * the data set's class names; the sorted order does not depend on the order of the rows, so two
 * files with the same classes get the same indices. {@link Builder#classes(List)} and
 * {@link Builder#numClasses(int)} fix the mapping instead, e.g. to read a test file as its training
 * file was read.
 *
 * <p>A missing or non-numeric feature, a missing label or a row with the wrong number of fields
 * gives an {@link IllegalArgumentException} naming the file, the 1-based line and the column: its
 * 1-based number, its header name and its 0-based index. Quoted fields follow RFC 4180; blank lines
 * are skipped.
 *
 * <pre>{@code
 * Dataset iris = CsvReader.builder().labelColumn("species").build().read(Path.of("iris.csv"));
 * }</pre>
 */
public final class CsvReader {
    private final char delimiter;
    private final Boolean header;
    private final String labelName;
    private final int labelIndex;
    private final List<String> classes;
    private final int numClasses;

    private CsvReader(Builder b) {
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.labelName = b.labelName;
        this.labelIndex = b.labelIndex;
        this.classes = b.classes;
        this.numClasses = b.numClasses;
    }

    /** A reader with the defaults: comma-separated, header detected, label in the last column. */
    public CsvReader() {
        this(new Builder());
    }

    /** A builder for the options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a CSV file, gzip-compressed or not; errors name the file as given. */
    public Dataset read(Path file) {
        try {
            // a pipe (`--csv <(zcat x.gz)`) through FileInputStream: a channel's stream asks a pipe for its size
            InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file) : new FileInputStream(file.toFile());
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
        }
    }

    /**
     * Reads CSV text, gzip-compressed or not, from a stream, which is read to its end and closed;
     * {@code source} names it in error messages.
     */
    public Dataset read(InputStream in, String source) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        try (InputStream raw = decompressed(in)) {
            var reader = new InputStreamReader(raw, StandardCharsets.UTF_8);
            return parse(new CsvTokenizer(reader, source, delimiter), source);
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException(source + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + IoErrors.reason(e), e);
        }
    }

    /** The stream itself, or a gunzipping stream over it when it starts with the gzip magic bytes 1f 8b. */
    static InputStream decompressed(InputStream in) throws IOException {
        var buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(buffered, 1 << 16);
        }
        return buffered;
    }

    private Dataset parse(CsvTokenizer tok, String source) throws IOException {
        List<String> first = tok.next();
        if (first == null) {
            throw new IllegalArgumentException(source + " has no rows");
        }
        int firstLine = tok.recordLine();
        List<String> second = tok.next();
        int secondLine = tok.recordLine();
        boolean hasHeader = header != null ? header
                : looksLikeHeader(first, second) || (labelName != null && first.contains(labelName));
        List<String> names = hasHeader ? first : null;
        CsvColumns cols = new CsvColumns(source, first.size(), firstLine, names, labelColumn(source, first, names));

        var x = new FloatList(source);
        var labels = new CsvLabels(cols);
        int rows = 0;
        List<String> row = hasHeader ? second : first;
        int line = hasHeader ? secondLine : firstLine;
        while (row != null) {
            cols.checkWidth(row, line);
            for (int j = 0; j < row.size(); j++) {
                if (j == cols.label()) {
                    labels.add(row.get(j), line);
                } else {
                    x.add(cols.parseFeature(row.get(j), line, j));
                }
            }
            rows++;
            if (row == first) {
                row = second;
                line = secondLine;
            } else {
                row = tok.next();
                line = tok.recordLine();
            }
        }
        if (rows == 0) {
            throw new IllegalArgumentException(source + " has a header (line " + firstLine + ") but no data rows");
        }
        CsvLabels.Mapping m = classes != null ? labels.mapTo(classes)
                : numClasses > 0 ? labels.mapToIntegers(numClasses)
                : labels.mapAuto();
        return new Dataset(x.toArray(), cols.count() - 1, m.labels(), m.numClasses(), m.names(), cols.featureNames());
    }

    private int labelColumn(String source, List<String> first, List<String> names) {
        int n = first.size();
        if (labelName != null) {
            if (names == null) {
                throw new IllegalArgumentException(source + " has no header, so it has no label column named "
                        + CsvText.quote(labelName) + "; line 1 is " + CsvText.quote(first));
            }
            int j = names.indexOf(labelName);
            if (j < 0) {
                throw new IllegalArgumentException(source + " has no column named " + CsvText.quote(labelName)
                        + "; the header is " + CsvText.quote(names));
            }
            return j;
        }
        int j = labelIndex < 0 ? n + labelIndex : labelIndex;
        if (j < 0 || j >= n) {
            throw new IllegalArgumentException(source + ": label column index " + labelIndex
                    + " is outside a row of " + n + " columns");
        }
        return j;
    }

    /** True when the first row is not a number in some column where the second row is one. */
    static boolean looksLikeHeader(List<String> first, List<String> second) {
        if (second == null) {
            return false;
        }
        for (int j = 0; j < Math.min(first.size(), second.size()); j++) {
            if (!CsvColumns.isNumber(first.get(j)) && CsvColumns.isNumber(second.get(j))) {
                return true;
            }
        }
        return false;
    }

    /** A growable float array whose growth is checked against the heap ({@link MemoryBudget}). */
    private static final class FloatList {
        private static final int MAX = Integer.MAX_VALUE - 8; // the largest array a JVM reliably allocates
        private final String source;
        private float[] a = new float[1024];
        private int n;

        FloatList(String source) {
            this.source = source;
        }

        void add(float v) {
            if (n == a.length) {
                grow();
            }
            a[n++] = v;
        }

        private void grow() {
            if (a.length >= MAX) {
                throw new IllegalArgumentException(source + " has more than " + MAX + " feature values, too many for one array");
            }
            int bigger = (int) Math.min(MAX, a.length + (long) (a.length >> 1));
            // while copying, the old and the new array live side by side
            MemoryBudget.require(source + ": reading " + bigger + " feature values",
                    MemoryBudget.bytes((long) a.length + bigger, Float.BYTES));
            a = Arrays.copyOf(a, bigger);
        }

        float[] toArray() {
            return n == a.length ? a : Arrays.copyOf(a, n);
        }
    }

    /** Options of a {@link CsvReader}; every setter returns the builder. */
    public static final class Builder {
        private char delimiter = ',';
        private Boolean header;
        private String labelName;
        private int labelIndex = -1;
        private List<String> classes;
        private int numClasses;

        private Builder() {
        }

        /** The field separator (default ','); not a double quote or a line break. */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** Whether the first row is a header; by default it is detected. */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** The label column by its header name (the first row is then a header when it contains the name). */
        public Builder labelColumn(String name) {
            this.labelName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The label column by 0-based index; negative counts from the end (-1, the default, is the last). */
        public Builder labelColumn(int index) {
            this.labelName = null;
            this.labelIndex = index;
            return this;
        }

        /** Fixes the classes: a label must be one of these names, and its class is its position in the list. */
        public Builder classes(List<String> names) {
            List<String> copy = List.copyOf(names);
            if (copy.isEmpty() || new HashSet<>(copy).size() != copy.size()) {
                throw new IllegalArgumentException("classes must be distinct and not empty, got " + copy);
            }
            this.classes = copy;
            return this;
        }

        /** Fixes the number of classes K: every label must be an integer in [0, K) and is its own class. */
        public Builder numClasses(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("numClasses must be at least 1, got " + k);
            }
            this.numClasses = k;
            return this;
        }

        /** The configured reader. */
        public CsvReader build() {
            if (classes != null && numClasses > 0) {
                throw new IllegalStateException("set either classes or numClasses, not both");
            }
            return new CsvReader(this);
        }
    }
}
