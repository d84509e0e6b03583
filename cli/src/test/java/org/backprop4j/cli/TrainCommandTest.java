package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnDigitsAndWritesMetricsAndPlots() throws IOException {
        Path json = dir.resolve("m.json");
        Path png = dir.resolve("curves.png");
        Cli.Result r = Cli.run("train", "--epochs", "3", "--metrics-out", json.toString(), "--plot", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("digits: ").contains("epoch 3/3").containsPattern("test accuracy: 0\\.9\\d{3}");
        String m = Files.readString(json);
        assertThat(m).contains("\"train_loss\"", "\"val_loss\"", "\"train_accuracy\"", "\"val_accuracy\"",
                "\"test_accuracy\": 0.9", "\"seconds\"", "\"samples_per_second\"", "{\"epoch\": 3,");
        for (Path p : new Path[]{png, dir.resolve("curves-confusion.png")}) {
            byte[] b = Files.readAllBytes(p);
            assertThat(b).startsWith(0x89, 'P', 'N', 'G');
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".tmp").allMatch(n -> !n.endsWith(".tmp"));
        }
    }

    @Test
    void trainsOnACsvWithNamedCategoricalLabels() throws IOException {
        Path csv = Cli.blobsCsv(dir.resolve("blobs.csv"), 60, 1);
        Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "kind", "--standardize", "--epochs", "40", "--lr", "0.01",
                "--hidden", "16");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 features, 3 classes").contains("standardized");
        double acc = Double.parseDouble(r.out().replaceAll("(?s).*test accuracy: ([0-9.]+).*", "$1"));
        assertThat(acc).isGreaterThan(0.9);
    }

    @Test
    void labelByIndexAndEarlyStopping() throws IOException {
        Path csv = Cli.blobsCsv(dir.resolve("blobs.csv"), 40, 2);
        Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "2", "--minmax", "--epochs", "200",
                "--early-stopping", "2", "--lr", "0.05");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("early stopping after epoch").doesNotContain("epoch 200/200");
    }

    @Test
    void aBadCsvValueNamesFileLineAndColumn() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x,y,label\n1,2,a\n3,oops,b\n");
        Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "label");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("bad.csv, line 3, column 2 (\"y\", index 1)")
                .contains("\"oops\" is not a number");
    }

    @Test
    void missingFashionMnistSaysHowToGetIt() {
        Cli.Result r = Cli.run("train", "--dataset", "fashion-mnist", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("apt-get install dataset-fashion-mnist").contains("--data-dir");
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThat(Cli.run("train", "--dataset", "nope").err()).contains("unknown data set 'nope'");
        assertThat(Cli.run("train", "--schedule", "wobbly").err()).contains("unknown --schedule");
        assertThat(Cli.run("train", "--optimizer", "rmsprop").exit()).isEqualTo(2);
        assertThat(Cli.run("train", "--standardize", "--minmax").exit()).isEqualTo(2);
        assertThat(Cli.run("train", "--early-stopping", "3", "--val-split", "0").err()).contains("needs validation data");
    }

    @Test
    void helpShowsExamples() {
        for (String cmd : new String[]{"train", "evaluate", "predict", "gradcheck"}) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertThat(r.exit()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Examples:").contains("backprop4j " + cmd);
        }
    }
}
