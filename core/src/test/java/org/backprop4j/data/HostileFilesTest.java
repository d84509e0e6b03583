package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the hostile inputs found while fuzzing the readers (see docs/ROBUSTNESS.md). */
class HostileFilesTest {
    @TempDir
    Path dir;

    private static InputStream seed(String name) {
        return HostileFilesTest.class.getResourceAsStream("IdxReaderFuzzTestInputs/read/" + name);
    }

    @Test
    void aGzipTrailerThatLiesAboutTheSizeDoesNotMakeTheReaderAllocateIt() throws IOException {
        // 38 bytes of gzip whose header claims 2^31 - 648 values and whose trailer agrees: the old reader
        // allocated 2 GB before reading (an OutOfMemoryError with the tests' 1 GB heap)
        Path file = dir.resolve("liar-idx1-ubyte.gz");
        try (InputStream in = seed("gzip_lying_trailer")) {
            Files.write(file, in.readAllBytes());
        }
        assertThatThrownBy(() -> IdxReader.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void corruptGzipIsAnIllegalArgumentNamingTheFile() throws IOException {
        Path idx = Files.write(dir.resolve("broken-idx.gz"), new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertThatThrownBy(() -> IdxReader.read(idx)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(idx.toString());
        byte[] csv = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        assertThatThrownBy(() -> new CsvReader().read(new ByteArrayInputStream(csv), "broken.csv.gz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("broken.csv.gz: corrupt or truncated gzip");
    }

    @Test
    void fieldTextWithLineBreaksStaysOnOneLineInErrors() {
        byte[] csv = "\"a\nb\",c\n\"1,5\",0\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CsvReader().read(new ByteArrayInputStream(csv), "q.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("q.csv, line 3, column 1 (\"a\\nb\", index 0): \"1,5\" is not a number");
        String longField = "x".repeat(500);
        byte[] csv2 = ("a,b\n" + longField + ",0\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CsvReader().read(new ByteArrayInputStream(csv2), "long.csv"))
                .hasMessageContaining("\"" + "x".repeat(60) + "...\" is not a number");
    }
}
