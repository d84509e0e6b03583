package org.backprop4j.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Random;
import org.backprop4j.fuzz.FuzzFiles;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the model and checkpoint readers with structured mutations of a valid model
 * ({@link MetadataMutator}): every mutant must load or give a one-line
 * {@link IllegalArgumentException} naming the file, never another exception or an
 * {@link OutOfMemoryError}. Under {@code mvn test} Jazzer replays the corpus in
 * {@code ModelMetadataFuzzTestInputs/read}, and {@link #twoHundredSeededMutants()} runs a fixed
 * sample of mutations drawn from a seeded generator.
 */
class ModelMetadataFuzzTest {
    @FuzzTest
    void read(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** The fuzz target, also the entry point of the stand-alone Jazzer driver ({@code .ci/fuzz metadata}). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        check(new MetadataMutator.Choices() {
            @Override
            public int choose(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public String text(int maxLength) {
                return data.consumeString(maxLength);
            }
        });
    }

    @Test
    void twoHundredSeededMutants() {
        Random r = new Random(17);
        for (int i = 0; i < 200; i++) {
            check(new MetadataMutator.Choices() {
                @Override
                public int choose(int min, int max) {
                    return (int) (min + (long) (r.nextDouble() * ((long) max - min + 1)));
                }

                @Override
                public String text(int maxLength) {
                    StringBuilder sb = new StringBuilder();
                    for (int k = r.nextInt(maxLength + 1); k > 0; k--) {
                        sb.append((char) (r.nextBoolean() ? ' ' + r.nextInt(95) : r.nextInt(0x3000)));
                    }
                    return sb.toString();
                }
            });
        }
    }

    private static void check(MetadataMutator.Choices choices) {
        Path file = FuzzFiles.write(new byte[0], ".safetensors");
        MetadataMutator.writeMutant(choices, file);
        try {
            ModelFile.load(file);
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, file.toString());
        }
        try {
            Checkpoint.load(file);
        } catch (IllegalArgumentException e) {
            FuzzFiles.checkRejection(e, file.toString());
        }
    }
}
