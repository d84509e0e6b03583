package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --resume recognises the data by its content: the same name with other labels is refused, the same file spelled otherwise is accepted. */
class ResumeIdentityTest {
    @TempDir
    Path dir;

    private Cli.Result train(Path csv, Path ckpt, String flag, int epochs) {
        return Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--epochs", Integer.toString(epochs), flag,
                ckpt.toString());
    }

    @Test
    void theSameNameInAnotherDirectoryWithOtherLabelsIsRefused() throws IOException {
        Path a = Cli.blobsCsv(Files.createDirectories(dir.resolve("a")).resolve("data.csv"), 20, 5);
        Path b = Files.createDirectories(dir.resolve("b")).resolve("data.csv");
        // the same rows, with two class names swapped: the class order would silently change meaning
        Files.writeString(b, Files.readString(a).replace("dog", "tmp").replace("cat", "dog").replace("tmp", "cat"));
        Path ckpt = dir.resolve("run.safetensors");
        assertThat(train(a, ckpt, "--save", 1).exit()).isZero();
        Cli.Result r = train(b, ckpt, "--resume", 2);
        OneLine.assertError(r, "--resume " + ckpt + ": the checkpoint comes from a different run (the data differ");
    }

    @Test
    void theSameFileSpelledOtherwiseIsAccepted() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path csv = Cli.blobsCsv(dir.resolve("data.csv"), 20, 6);
        Path ckpt = dir.resolve("run.safetensors");
        assertThat(train(csv, ckpt, "--save", 1).exit()).isZero();
        Path spelled = sub.resolve("./../data.csv");
        Cli.Result r = train(spelled, ckpt, "--resume", 2);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("resuming " + ckpt + " after epoch 1");
    }

    @Test
    void theSameContentGzippedIsTheSameData() throws IOException {
        Path csv = Cli.blobsCsv(dir.resolve("data.csv"), 20, 7);
        Path gz = dir.resolve("data.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(csv));
        }
        Path ckpt = dir.resolve("run.safetensors");
        assertThat(train(csv, ckpt, "--save", 1).exit()).isZero();
        Cli.Result r = train(gz, ckpt, "--resume", 2);
        assertThat(r.exit()).as(r.err()).isZero();
    }
}
