package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.backprop4j.io.Checkpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs on a really full disk: a 200 kB tmpfs mounted inside a temporary directory (needs root),
 * holding a checkpoint and then filled up. {@code --save} over the checkpoint and {@code --plot}
 * each give one error line and status 2, the checkpoint stays intact and no temporary file is left.
 */
class FullDiskTest {
    @TempDir
    Path dir;
    private Path small;
    private boolean mounted;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        small = Files.createDirectory(dir.resolve("small"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", small.toString()) == 0;
        assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            assertThat(run("umount", small.toString())).isZero();
        }
    }

    private static int run(String... command) throws InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            return -1; // no such program
        }
    }

    /** Writes to {@code file} until the disk is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
    }

    @Test
    void saveAndPlotOnAFullDiskGiveOneLineAndKeepTheCheckpoint() throws Exception {
        Path ckpt = Cli.irisModel(small.resolve("iris.safetensors"));
        byte[] saved = Files.readAllBytes(ckpt);
        fill(small.resolve("filler"));

        Cli.Result save = Cli.run("train", "--dataset", "iris", "--epochs", "2", "--save", ckpt.toString());
        OneLine.assertError(save, ckpt.toString(), "no space left on device");
        Path plot = small.resolve("curves.png");
        Cli.Result plotted = Cli.run("train", "--dataset", "iris", "--epochs", "1", "--plot", plot.toString());
        OneLine.assertError(plotted, plot.toString(), "no space left on device");

        assertThat(Files.readAllBytes(ckpt)).isEqualTo(saved);
        assertThat(Checkpoint.load(ckpt).epoch()).isEqualTo(1);
        assertThat(plot).doesNotExist();
        try (Stream<Path> files = Files.list(small)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("iris.safetensors", "filler");
        }
    }
}
