package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.backprop4j.io.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs never destroy what they do not own: "-" is standard output, a symbolic link stays a link
 * (its target is replaced), a FIFO is written through and stays a FIFO, and a file's mode is kept.
 */
class OutputTargetsTest {
    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void trainOnce() {
        model = Cli.irisModel(dir.resolve("iris.safetensors"));
    }

    private static Cli.Result predictTo(Path out) {
        return Cli.run("predict", "--model", model.toString(), "--dataset", "iris", "--out", out.toString());
    }

    @Test
    void dashIsStandardOutput() throws IOException {
        Cli.Result r = predictTo(Path.of("-"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("p_setosa,p_versicolor,p_virginica,predicted\n");
        assertThat(r.out().lines()).hasSize(31);
        assertThat(r.err()).contains("30 predictions written to standard output");
        Path file = dir.resolve("p.csv");
        assertThat(predictTo(file).exit()).isZero();
        assertThat(Files.readString(file)).isEqualTo(r.out());
    }

    @Test
    void aSymlinkedOutputStaysALink() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("out.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("out-link.csv"), real);
        assertThat(predictTo(link).exit()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("p_setosa");
    }

    @Test
    void aFifoIsWrittenThrough() throws Exception {
        Path fifo = dir.resolve("predictions.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Cli.Result r = predictTo(fifo);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(read.get(60, TimeUnit.SECONDS)).startsWith("p_setosa").hasLineCount(31);
        assertThat(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
    }

    @Test
    void aPrivateCheckpointStaysPrivate() throws IOException {
        Path ckpt = dir.resolve("private.safetensors");
        Files.writeString(ckpt, "placeholder");
        Files.setPosixFilePermissions(ckpt, PosixFilePermissions.fromString("rw-------"));
        Cli.Result r = Cli.run("train", "--dataset", "iris", "--epochs", "1", "--save", ckpt.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ckpt))).isEqualTo("rw-------");
        assertThat(Checkpoint.load(ckpt).epoch()).isEqualTo(1);
        assertThat(new String(Files.readAllBytes(ckpt), 0, 8, StandardCharsets.ISO_8859_1)).isNotEqualTo("placehol");
    }
}
