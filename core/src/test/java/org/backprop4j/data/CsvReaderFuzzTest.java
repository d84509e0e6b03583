package org.backprop4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.backprop4j.fuzz.FuzzFiles;

/**
 * Fuzzes {@link CsvReader}: any input must give a valid data set or a one-line
 * {@link IllegalArgumentException} naming the source. The first byte of an input picks the reader's
 * options (default, forced header with the label first, three integer classes, named classes with
 * ';' as delimiter); the rest is the file. Under {@code mvn test} the corpus in
 * {@code CsvReaderFuzzTestInputs/read} is replayed; see docs/ROBUSTNESS.md for fuzzing.
 */
class CsvReaderFuzzTest {
    private static final String SOURCE = "fuzz.csv";
    private static final CsvReader[] READERS = {
        new CsvReader(),
        CsvReader.builder().header(true).labelColumn(0).build(),
        CsvReader.builder().numClasses(3).build(),
        CsvReader.builder().delimiter(';').classes(List.of("a", "b")).build(),
    };

    @FuzzTest
    void read(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The fuzz target, also the entry point of the stand-alone Jazzer driver. */
    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        CsvReader reader = READERS[(data[0] & 0xFF) % READERS.length];
        byte[] csv = Arrays.copyOfRange(data, 1, data.length);
        try {
            Dataset d = reader.read(new ByteArrayInputStream(csv), SOURCE);
            if (d.size() < 1 || d.numFeatures() < 1 || d.numClasses() < 1) {
                throw new AssertionError("empty data set accepted: " + d.size() + " x " + d.numFeatures());
            }
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, SOURCE);
        }
    }
}
