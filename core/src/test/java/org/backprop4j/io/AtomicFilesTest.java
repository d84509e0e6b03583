package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aSymbolicLinkIsFollowedAndTheFileItNamesIsReplacedInItsOwnDirectory() throws IOException {
        Path realDir = Files.createDirectories(dir.resolve("real"));
        Path real = Files.writeString(realDir.resolve("model.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("real/model.bin"));
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(listing()).containsExactly("link.bin", "real");
        try (Stream<Path> s = Files.list(realDir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("model.bin");
        }
    }

    @Test
    void aDanglingLinkCreatesTheFileItNames() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("target.bin"));
        AtomicFiles.write(link, out -> out.write(7));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("target.bin"))).containsExactly(7);
    }

    @Test
    void aLinkLoopIsAnErrorNamingTheTarget() throws IOException {
        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> AtomicFiles.write(a, out -> out.write(1)))
                .isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + a + ": too many levels of symbolic links");
    }

    @Test
    void theModeOfAnExistingFileIsKept() throws IOException {
        Path target = Files.writeString(dir.resolve("secret.bin"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(target, out -> out.write(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-x---"));
        AtomicFiles.write(target, out -> out.write(2));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-x---");
        assertThat(Files.readAllBytes(target)).containsExactly(2);
    }

    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        AtomicFiles.write(fifo, out -> out.write("through".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(read.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("through");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
        assertThat(listing()).containsExactly("pipe");
    }

    @Test
    void aDirectoryIsRefusedInUserTerms() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        assertThatThrownBy(() -> AtomicFiles.write(sub, out -> out.write(1)))
                .isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + sub + ": it is a directory");
    }

    @Test
    void aMissingReadOnlyDirectoryIsReportedWithoutJavaExceptionNames() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path target = file.resolve("out.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot write " + target + ": ")
                .hasMessageNotContaining("Exception");
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
