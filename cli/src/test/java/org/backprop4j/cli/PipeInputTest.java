package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are pipes (FIFOs made in a temp dir): a CSV streams through; a model, read with random access, is refused in one line. */
class PipeInputTest {
    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", p.toString()).start().waitFor()).isZero();
        return p;
    }

    @Test
    void aCsvFromAPipeTrains() throws Exception {
        Path csv = Cli.blobsCsv(dir.resolve("blobs.csv"), 20, 9);
        Path pipe = fifo("blobs.fifo");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Files.write(pipe, Files.readAllBytes(csv));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Cli.Result r = Cli.run("train", "--csv", pipe.toString(), "--label", "kind", "--epochs", "1");
        writer.get(60, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("test accuracy:");
    }

    @Test
    void aModelFromAPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path pipe = fifo("model.fifo");
        OneLine.assertError(Cli.run("evaluate", "--model", pipe.toString(), "--dataset", "iris"),
                "--model " + pipe + ": not a regular file (a pipe or a device?); give the file itself");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--resume", pipe.toString()), "--resume " + pipe + ": not a regular file");
    }
}
