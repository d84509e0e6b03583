package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that names an input or another output, however spelled, is refused before any work, naming both options. */
class PathClashTest {
    @TempDir
    static Path dir;
    private static Path model;
    private static Path csv;

    @BeforeAll
    static void trainOnce() throws IOException {
        csv = Cli.blobsCsv(dir.resolve("blobs.csv"), 20, 3);
        model = dir.resolve("model.safetensors");
        Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--epochs", "1", "--save", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static void assertUntouched(Path file, byte[] before) throws IOException {
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void twoOutputsOfTrain() throws IOException {
        Path x = dir.resolve("x");
        Cli.Result r = Cli.run("train", "--dataset", "iris", "--save", x.toString(), "--metrics-out", x.toString());
        OneLine.assertError(r, "--save " + x + " and --metrics-out " + x + " are the same file");
        assertThat(r.out()).isEmpty();
        assertThat(Files.exists(x)).isFalse();
        Path png = dir.resolve("curves.png");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--plot", png.toString(), "--metrics-out",
                dir.resolve("sub/../curves-confusion.png").toString()), "--plot (its confusion matrix)", "--metrics-out");
    }

    @Test
    void trainSaveOverTheTrainingCsv() throws IOException {
        byte[] before = Files.readAllBytes(csv);
        OneLine.assertError(Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--save",
                dir.resolve("./sub/../blobs.csv").toString()), "--save ", "would overwrite the --csv file");
        assertUntouched(csv, before);
    }

    @Test
    void predictOutOverTheModelOrTheCsv() throws IOException {
        byte[] modelBytes = Files.readAllBytes(model);
        OneLine.assertError(Cli.run("predict", "--model", model.toString(), "--csv", csv.toString(), "--label", "kind",
                "--out", model.toString()), "--out ", "would overwrite the --model file");
        Path link = Files.createSymbolicLink(dir.resolve("link-to-model"), model);
        OneLine.assertError(Cli.run("predict", "--model", model.toString(), "--csv", csv.toString(), "--label", "kind",
                "--out", link.toString()), "--out " + link, "would overwrite the --model file " + model);
        assertUntouched(model, modelBytes);
        Path hardLink = Files.createLink(dir.resolve("hard-link.csv"), csv);
        OneLine.assertError(Cli.run("predict", "--model", model.toString(), "--csv", csv.toString(), "--label", "kind",
                "--out", hardLink.toString()), "--out ", "would overwrite the --csv file");
    }

    @Test
    void evaluatePlotOverTheModel() {
        OneLine.assertError(Cli.run("evaluate", "--model", model.toString(), "--csv", csv.toString(), "--label", "kind",
                "--plot", model.toString()), "--plot ", "would overwrite the --model file");
    }

    @Test
    void resumingIntoTheSameCheckpointIsAllowed() throws IOException {
        Path ckpt = dir.resolve("run.safetensors");
        assertThat(Cli.run("train", "--dataset", "iris", "--epochs", "1", "--save", ckpt.toString()).exit()).isZero();
        Cli.Result r = Cli.run("train", "--dataset", "iris", "--epochs", "2", "--resume", ckpt.toString(), "--save",
                ckpt.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }
}
