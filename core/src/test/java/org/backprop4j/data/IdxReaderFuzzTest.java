package org.backprop4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.backprop4j.fuzz.FuzzFiles;

/**
 * Fuzzes {@link IdxReader}: any input must give a valid array or a one-line
 * {@link IllegalArgumentException} naming the file, never another exception or an allocation the
 * file's size does not justify. Under {@code mvn test} the corpus in
 * {@code IdxReaderFuzzTestInputs/read} is replayed; see docs/ROBUSTNESS.md for fuzzing.
 */
class IdxReaderFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The fuzz target, also the entry point of the stand-alone Jazzer driver. */
    public static void fuzzerTestOneInput(byte[] data) {
        Path file = FuzzFiles.write(data, ".idx");
        try {
            IdxArray a = IdxReader.read(file);
            long n = 1;
            for (int d : a.dims()) {
                n *= d;
            }
            if (n != a.values().length) {
                throw new AssertionError("dims " + java.util.Arrays.toString(a.dims()) + " but " + a.values().length
                        + " values");
            }
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, file.toString());
        }
    }
}
