package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesANewFileAndLeavesNoTemporaryFiles() throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("hello");
        assertThat(listing()).containsExactly("out.bin");
    }

    @Test
    void replacesAnExistingFileAsAWhole() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(listing()).containsExactly("out.bin");
    }

    @Test
    void aFailingBodyLeavesTheTargetUntouchedAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining(target.toString())
                .hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(listing()).containsExactly("out.bin");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(listing()).containsExactly("out.bin");
    }

    @Test
    void missingDirectoriesAreCreated() throws IOException {
        Path target = dir.resolve("no/such/dir/out.bin");
        AtomicFiles.write(target, out -> out.write(1));
        assertThat(Files.readAllBytes(target)).containsExactly(1);
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAnErrorNamingTheTarget() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        Path target = dir.resolve("file/out.bin"); // a regular file stands where the directory should be
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(target.toString());
    }

    @Test
    void safeTensorsWriteFailureKeepsThePreviousFile() throws IOException {
        Path target = dir.resolve("m.safetensors");
        new SafeTensorsFile(java.util.Map.of("a", org.backprop4j.ndarray.NDArray.wrap(new float[]{1}, 1))).write(target);
        byte[] before = Files.readAllBytes(target);
        assertThatThrownBy(() -> new SafeTensorsFile(java.util.Map.of("a\ud800",
                org.backprop4j.ndarray.NDArray.wrap(new float[]{2}, 1))).write(target))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        assertThat(listing()).containsExactly("m.safetensors");
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
