package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.backprop4j.data.CsvReader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save, load and predict give the probabilities of the model in memory, bit for bit. */
class PredictRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void predictFromASavedModelGivesIdenticalProbabilities() throws IOException {
        Path csv = Cli.blobsCsv(dir.resolve("blobs.csv"), 10, 3);
        Dataset raw = CsvReader.builder().labelColumn("kind").build().read(csv);
        Standardizer std = Standardizer.fit(raw);
        ModelSpec spec = new ModelSpec(3, new int[]{8}, 3, "tanh", 0);
        SavedModel saved = new SavedModel(spec, spec.build(new Rng(5), DType.FLOAT32), raw.classNames(), Scaling.of(std));
        double[] expected = Trainer.evaluate(saved.model(), std.transform(raw), new CrossEntropyLoss()).probabilities();
        int[] predicted = Trainer.evaluate(saved.model(), std.transform(raw), new CrossEntropyLoss()).predictions();
        Path model = dir.resolve("m.safetensors");
        ModelFile.save(model, saved);

        Path out = dir.resolve("p.csv");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--csv", csv.toString(), "--label", "kind",
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        check(out, expected, predicted, raw.classNames());

        // the same features without the label column
        Path features = dir.resolve("features.csv");
        Files.writeString(features, Files.readAllLines(csv).stream().map(l -> {
            String[] f = l.split(",");
            return f[0] + "," + f[1] + "," + f[3];
        }).collect(Collectors.joining("\n")) + "\n");
        Path out2 = dir.resolve("p2.csv");
        Cli.Result r2 = Cli.run("predict", "--model", model.toString(), "--csv", features.toString(), "--out", out2.toString());
        assertThat(r2.exit()).as(r2.err()).isZero();
        check(out2, expected, predicted, raw.classNames());

        Cli.Result ev = Cli.run("evaluate", "--model", model.toString(), "--csv", csv.toString(), "--label", "kind");
        assertThat(ev.exit()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("accuracy: ", "log-loss: ", "precision", "recall", "f1", "confusion matrix", "emu");
    }

    private static void check(Path out, double[] expected, int[] predicted, List<String> classes) throws IOException {
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("p_cat,p_dog,p_emu,predicted");
        assertThat(lines).hasSize(predicted.length + 1);
        for (int i = 0; i < predicted.length; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int c = 0; c < 3; c++) {
                assertThat(Double.parseDouble(f[c])).isEqualTo(expected[i * 3 + c]);
            }
            assertThat(f[3]).isEqualTo(classes.get(predicted[i]));
        }
    }
}
