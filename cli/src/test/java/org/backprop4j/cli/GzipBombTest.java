package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small gzip CSV that expands far beyond the heap: a child JVM with a 64 MB heap must stop with
 * one line naming the file and the sizes, not an OutOfMemoryError. (It runs as the launcher does, with the
 * Vector API module, so that the kernel warm-up runs beside the read, and no fallback notice is printed.)
 */
class GzipBombTest {
    @TempDir
    Path dir;

    @Test
    void aCsvThatExpandsBeyondTheHeapIsOneLine() throws Exception {
        Path bomb = dir.resolve("bomb.csv.gz");
        byte[] rows = "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1\n".repeat(1 << 15).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            for (int i = 0; i < 400; i++) { // 400 MB of text, 100 M values: 400 MB as floats
                out.write(rows);
            }
        }
        assertThat(Files.size(bomb)).isLessThan(2_000_000);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--csv", bomb.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // the JVM's own notice, which the launcher drops too
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err).startsWith("error: " + bomb + ": reading ").contains("feature values needs ", "; raise -Xmx")
                .doesNotContain("OutOfMemoryError");
        assertThat(err.strip().lines()).hasSize(1);
    }
}
