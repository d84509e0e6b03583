package org.backprop4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.backprop4j.fuzz.FuzzFiles;

/**
 * Fuzzes the safetensors reader and, on the files it accepts, the checkpoint and model readers
 * built on it: any input must load or give a one-line {@link IllegalArgumentException} naming the
 * file. Under {@code mvn test} the corpus in {@code SafeTensorsFuzzTestInputs/read} is replayed;
 * see docs/ROBUSTNESS.md for fuzzing.
 */
class SafeTensorsFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** The fuzz target, also the entry point of the stand-alone Jazzer driver. */
    public static void fuzzerTestOneInput(byte[] data) {
        Path file = FuzzFiles.write(data, ".safetensors");
        try {
            SafeTensorsFile.read(file);
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, file.toString());
            return;
        }
        try {
            Checkpoint.load(file);
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, file.toString());
        }
        try {
            ModelFile.load(file);
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, file.toString());
        }
    }
}
