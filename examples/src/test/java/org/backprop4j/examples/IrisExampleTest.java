package org.backprop4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's program as a user would and checks what it prints and saves. */
class IrisExampleTest {
    @TempDir
    Path dir;

    @Test
    void trainsSavesLoadsAndNamesTheSpeciesOfANewFlower() throws Exception {
        Path file = dir.resolve("iris.safetensors");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            IrisExample.main(new String[]{file.toString()});
        } finally {
            System.setOut(original);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("test accuracy: ");
        String accuracy = lines[0].substring("test accuracy: ".length()).replace(',', '.');
        assertThat(Double.parseDouble(accuracy)).isGreaterThanOrEqualTo(0.9);
        // the measurements of a versicolor flower of the data set (row 75 of iris.csv)
        assertThat(lines[1]).isEqualTo("predicted species: versicolor");
        assertThat(Files.size(file)).isPositive();
    }
}
