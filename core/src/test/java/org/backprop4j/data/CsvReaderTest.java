package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path gzip(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Dataset read(Path p) {
        return new CsvReader().read(p);
    }

    // ---------------------------------------------------------------- reading

    @Test
    void headerlessIntegerLabelsInLastColumn() throws IOException {
        Dataset ds = read(write("a.csv", "1,2,0\n3,4.5,1\n-5e-1,6,2\n"));
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.numFeatures()).isEqualTo(2);
        assertThat(ds.featureData()).containsExactly(1, 2, 3, 4.5f, -0.5f, 6);
        assertThat(ds.labels()).containsExactly(0, 1, 2);
        assertThat(ds.numClasses()).isEqualTo(3);
        assertThat(ds.classNames()).isEmpty();
        assertThat(ds.featureNames()).isEmpty();
    }

    @Test
    void headerIsDetectedAndNamesTheFeatures() throws IOException {
        Dataset ds = read(write("h.csv", "x,y,label\n1,2,0\n3,4,1\n"));
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.featureNames()).containsExactly("x", "y");
        assertThat(ds.labels()).containsExactly(0, 1);
    }

    @Test
    void headerDetectionLooksForANumericColumn() {
        assertThat(CsvReader.looksLikeHeader(List.of("a", "b"), List.of("1", "x"))).isTrue();
        assertThat(CsvReader.looksLikeHeader(List.of("1", "b"), List.of("2", "c"))).isFalse();
        assertThat(CsvReader.looksLikeHeader(List.of("1", "2"), List.of("3", "4"))).isFalse();
        assertThat(CsvReader.looksLikeHeader(List.of("x", "y"), null)).isFalse();
    }

    @Test
    void headerCanBeForced() throws IOException {
        Path p = write("f.csv", "1,2,0\n3,4,1\n");
        Dataset ds = CsvReader.builder().header(true).build().read(p);
        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.featureNames()).containsExactly("1", "2");
        assertThat(ds.featureData()).containsExactly(3, 4);
        assertThatThrownBy(() -> CsvReader.builder().header(false).build().read(write("g.csv", "x,label\n1,0\n")))
                .hasMessageContaining("line 1, column 1 (index 0): \"x\" is not a number");
    }

    @Test
    void categoricalLabelsAreSortedAndBecomeClassNames() throws IOException {
        Dataset ds = read(write("c.csv", "f,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n"));
        assertThat(ds.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(ds.labels()).containsExactly(2, 0, 1, 0);
        assertThat(ds.numClasses()).isEqualTo(3);
    }

    @Test
    void numericLabelsNotZeroToKMinusOneAreSortedNumerically() throws IOException {
        Dataset ds = read(write("n.csv", "1,10\n2,2\n3,1\n4,2.0\n"));
        assertThat(ds.classNames()).containsExactly("1", "2", "10");
        assertThat(ds.labels()).containsExactly(2, 1, 0, 1);
    }

    @Test
    void integerLabelsWithAGapAreMapped() throws IOException {
        Dataset ds = read(write("gap.csv", "1,0\n2,2\n"));
        assertThat(ds.numClasses()).isEqualTo(2);
        assertThat(ds.classNames()).containsExactly("0", "2");
        assertThat(ds.labels()).containsExactly(0, 1);
    }

    @Test
    void numClassesKeepsIntegerLabelsAsTheyAre() throws IOException {
        Path p = write("k.csv", "1,0\n2,2\n");
        Dataset ds = CsvReader.builder().numClasses(4).build().read(p);
        assertThat(ds.numClasses()).isEqualTo(4);
        assertThat(ds.labels()).containsExactly(0, 2);
        assertThatThrownBy(() -> CsvReader.builder().numClasses(2).build().read(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k.csv, line 2, column 2 (index 1): label \"2\" is not an integer in [0, 2)");
    }

    @Test
    void classesFixTheMapping() throws IOException {
        Path p = write("t.csv", "f,y\n1,b\n2,b\n");
        Dataset ds = CsvReader.builder().classes(List.of("a", "b")).build().read(p);
        assertThat(ds.numClasses()).isEqualTo(2);
        assertThat(ds.labels()).containsExactly(1, 1);
        assertThat(ds.classNames()).containsExactly("a", "b");
        assertThatThrownBy(() -> CsvReader.builder().classes(List.of("a", "c")).build().read(p))
                .hasMessageContaining("t.csv, line 2, column 2 (\"y\", index 1): label \"b\" is not one of the classes [\"a\", \"c\"]");
    }

    @Test
    void labelColumnByNameOrIndex() throws IOException {
        Path p = write("l.csv", "kind,a,b\ncat,1,2\ndog,3,4\n");
        Dataset byName = CsvReader.builder().labelColumn("kind").build().read(p);
        assertThat(byName.featureNames()).containsExactly("a", "b");
        assertThat(byName.featureData()).containsExactly(1, 2, 3, 4);
        assertThat(byName.classNames()).containsExactly("cat", "dog");
        Dataset byIndex = CsvReader.builder().labelColumn(0).build().read(p);
        assertThat(byIndex.featureData()).containsExactly(1, 2, 3, 4);
        Dataset fromEnd = CsvReader.builder().labelColumn(-3).build().read(p);
        assertThat(fromEnd.featureNames()).containsExactly("a", "b");
        assertThat(fromEnd.labels()).containsExactly(0, 1);
        assertThatThrownBy(() -> CsvReader.builder().labelColumn(-2).build().read(p))
                .hasMessageContaining("l.csv, line 2, column 1 (\"kind\", index 0): \"cat\" is not a number");
    }

    @Test
    void labelNameImpliesAHeaderOfStrings() throws IOException {
        // both rows of the label column are text, so only the name tells that line 1 is a header
        Dataset ds = CsvReader.builder().labelColumn("y").build().read(write("s.csv", "y,x\na,1\nb,2\n"));
        assertThat(ds.size()).isEqualTo(2);
    }

    @Test
    void unknownLabelName() throws IOException {
        assertThatThrownBy(() -> CsvReader.builder().labelColumn("class").build().read(write("u.csv", "a,b\n1,2\n")))
                .hasMessageContaining("u.csv has no column named \"class\"; the header is [\"a\", \"b\"]");
        assertThatThrownBy(() -> CsvReader.builder().labelColumn("class").build().read(write("v.csv", "1,2\n1,2\n")))
                .hasMessageContaining("v.csv has no header");
        assertThatThrownBy(() -> CsvReader.builder().labelColumn(5).build().read(write("w.csv", "1,2\n")))
                .hasMessageContaining("w.csv: label column index 5 is outside a row of 2 columns");
    }

    @Test
    void quotedFields() throws IOException {
        String text = "\"x, the first\",\"y \"\"quoted\"\"\",label\n\"1.5\", 2 ,\"a, b\"\n3,4,\"multi\nline\"\n";
        Dataset ds = read(write("q.csv", text));
        assertThat(ds.featureNames()).containsExactly("x, the first", "y \"quoted\"");
        assertThat(ds.featureData()).containsExactly(1.5f, 2, 3, 4);
        assertThat(ds.classNames()).containsExactly("a, b", "multi\nline");
    }

    @Test
    void lineNumbersCountLinesInsideQuotes() throws IOException {
        Path p = write("ql.csv", "f,label\n1,\"two\nlines\"\nx,b\n");
        assertThatThrownBy(() -> read(p)).hasMessageContaining("ql.csv, line 4, column 1 (\"f\", index 0)");
    }

    @Test
    void crlfBlankLinesAndBom() throws IOException {
        Dataset ds = read(write("w.csv", "\uFEFFa,b,y\r\n1,2,0\r\n\r\n3,4,1\r\n\r\n  \n\n"));
        assertThat(ds.featureNames()).containsExactly("a", "b");
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.featureData()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void noTrailingNewline() throws IOException {
        assertThat(read(write("e.csv", "1,0\n2,1")).size()).isEqualTo(2);
    }

    @Test
    void otherDelimiter() throws IOException {
        Dataset ds = CsvReader.builder().delimiter(';').build().read(write("d.csv", "a;y\n1.5;x,y\n2;z\n"));
        assertThat(ds.featureData()).containsExactly(1.5f, 2);
        assertThat(ds.classNames()).containsExactly("x,y", "z");
    }

    @Test
    void gzipIsDetectedByMagicBytes() throws IOException {
        String text = "a,b,y\n1,2,0\n3,4,1\n";
        Dataset plain = read(write("p.csv", text));
        Dataset gz = read(gzip("p.csv.gz", text));
        Dataset gzWithoutSuffix = read(gzip("p.data", text));
        assertThat(gz.featureData()).containsExactly(plain.featureData());
        assertThat(gz.labels()).containsExactly(plain.labels());
        assertThat(gzWithoutSuffix.featureNames()).containsExactly("a", "b");
    }

    @Test
    void readsAStream() {
        byte[] bytes = "1,2,0\n".getBytes(StandardCharsets.UTF_8);
        Dataset ds = new CsvReader().read(new ByteArrayInputStream(bytes), "memory");
        assertThat(ds.featureData()).containsExactly(1, 2);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void nonNumericFeatureNamesFileLineAndColumn() throws IOException {
        Path p = write("bad.csv", "sepal,petal,species\n1,2,a\n3,abc,b\n");
        assertThatThrownBy(() -> read(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("line 3, column 2 (\"petal\", index 1): \"abc\" is not a number");
    }

    @Test
    void nanInfinityAndHexAreNotNumbers() throws IOException {
        for (String bad : new String[]{"NaN", "Infinity", "0x1p3", "1f", "1e", ".", "+", "1..2"}) {
            Path p = write("nan.csv", "1,0\n" + bad + ",1\n");
            assertThatThrownBy(() -> read(p)).hasMessageContaining("line 2, column 1 (index 0): \"" + bad + "\" is not a number");
        }
        assertThatThrownBy(() -> read(write("big.csv", "1,0\n1e39,1\n")))
                .hasMessageContaining("line 2, column 1 (index 0): 1e39 is outside the float32 range");
    }

    @Test
    void missingValueNamesFileLineAndColumn() throws IOException {
        Path p = write("miss.csv", "1,2,0\n3,,1\n");
        assertThatThrownBy(() -> read(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("miss.csv, line 2, column 2 (index 1): missing value");
        assertThatThrownBy(() -> read(write("nolabel.csv", "a,y\n1,0\n2,\n")))
                .hasMessageContaining("nolabel.csv, line 3, column 2 (\"y\", index 1): missing label");
    }

    @Test
    void raggedRowNamesFileLineAndColumn() throws IOException {
        assertThatThrownBy(() -> read(write("short.csv", "a,b,y\n1,2,0\n\n3,4\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short.csv, line 4: 2 fields where line 1 has 3; column 3 (\"y\", index 2) is missing");
        assertThatThrownBy(() -> read(write("long.csv", "1,2,0\n1,2,3,4\n")))
                .hasMessageContaining("long.csv, line 2: 4 fields where line 1 has 3; column 4 (index 3) is extra");
    }

    @Test
    void unterminatedQuote() throws IOException {
        assertThatThrownBy(() -> read(write("uq.csv", "1,0\n\"2,1\n")))
                .hasMessageContaining("uq.csv, line 2, column 1: quoted field is not closed before the end of the file");
        assertThatThrownBy(() -> read(write("aq.csv", "\"1\"x,0\n")))
                .hasMessageContaining("aq.csv, line 1, column 1: unexpected 'x' after the closing quote");
    }

    @Test
    void emptyFilesAndHeaderOnly() throws IOException {
        assertThatThrownBy(() -> read(write("empty.csv", "\n\n")))
                .hasMessageContaining("empty.csv has no rows");
        assertThatThrownBy(() -> CsvReader.builder().header(true).build().read(write("ho.csv", "a,y\n")))
                .hasMessageContaining("ho.csv has a header (line 1) but no data rows");
        assertThatThrownBy(() -> read(write("one.csv", "1\n2\n")))
                .hasMessageContaining("one.csv, line 1: found 1 column");
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> read(dir.resolve("nope.csv")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nope.csv");
    }

    @Test
    void aLabelColumnWithMoreDistinctValuesThanAnyClassifierNeedsIsRefused() {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i <= CsvLabels.MAX_CLASSES; i++) {
            sb.append(i).append(",id").append(i).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CsvReader().read(new ByteArrayInputStream(bytes), "ids.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ids.csv, line " + (CsvLabels.MAX_CLASSES + 2) + ", column 2 (\"y\", index 1): more than "
                        + CsvLabels.MAX_CLASSES + " distinct labels; is this the label column?");
    }
}
