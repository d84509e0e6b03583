package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.SavedModel;
import org.backprop4j.onnx.OnnxImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} writes ONNX, and predict, evaluate, explain, gradcheck and {@code train --init} read it. */
class OnnxCliTest {
    @TempDir
    Path dir;

    @Test
    void exportThenUseTheOnnxFileEverywhereAModelGoes() throws Exception {
        Path model = Cli.irisModel(dir.resolve("iris.safetensors"));
        Path onnx = dir.resolve("iris.onnx");
        Cli.Result export = Cli.run("export", "--model", model.toString(), "--out", onnx.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("wrote " + onnx + ": Linear(in_features=4");

        SavedModel original = ModelFile.load(model);
        SavedModel imported = OnnxImport.load(onnx);
        assertThat(imported.classNames()).isEqualTo(original.classNames());
        float[][] rows = {{5.1f, 3.5f, 1.4f, 0.2f}, {6.7f, 3.0f, 5.2f, 2.3f}, {5.9f, 3.0f, 4.2f, 1.5f}};
        double[][] expected = original.predictor().predictProba(rows);
        double[][] actual = imported.predictor().predictProba(rows);
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                assertThat(actual[i][k]).isCloseTo(expected[i][k], org.assertj.core.data.Offset.offset(1e-6));
            }
        }

        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "a,b,c,d\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        Path fromOnnx = dir.resolve("p-onnx.csv");
        Path fromSafetensors = dir.resolve("p-st.csv");
        assertThat(Cli.run("predict", "--model", onnx.toString(), "--csv", csv.toString(), "--out", fromOnnx.toString())
                .exit()).isZero();
        assertThat(Cli.run("predict", "--model", model.toString(), "--csv", csv.toString(), "--out",
                fromSafetensors.toString()).exit()).isZero();
        assertThat(classes(fromOnnx)).isEqualTo(classes(fromSafetensors));

        Cli.Result ev = Cli.run("evaluate", "--model", onnx.toString(), "--dataset", "iris");
        assertThat(ev.exit()).as(ev.err()).isZero();
        assertThat(ev.out()).contains("accuracy: ", "setosa");

        Cli.Result ex = Cli.run("explain", "--model", onnx.toString(), "--dataset", "iris");
        assertThat(ex.exit()).as(ex.err()).isZero();

        Cli.Result gc = Cli.run("gradcheck", "--model", onnx.toString());
        assertThat(gc.exit()).as(gc.out() + gc.err()).isZero();
        assertThat(gc.out()).contains("gradcheck: " + onnx, "PASS");

        Path tuned = dir.resolve("tuned.safetensors");
        Cli.Result train = Cli.run("train", "--dataset", "iris", "--epochs", "1", "--init", onnx.toString(), "--save",
                tuned.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(ModelFile.load(tuned).spec()).isEqualTo(imported.spec());
    }

    @Test
    void badOnnxInputsAreOneLineWithStatus2() throws Exception {
        Path model = Cli.irisModel(dir.resolve("m.safetensors"));
        OneLine.assertError(Cli.run("export", "--model", model.toString(), "--out", model.toString()),
                "--out " + model + " would overwrite the --model file");
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[]{1, 2, 3, 4, 5});
        OneLine.assertError(Cli.run("predict", "--model", garbage.toString(), "--csv", garbage.toString(), "--out", "-"),
                garbage + ": not a valid ONNX file");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--init", model.toString(), "--hidden", "4"),
                "--init gives the network");
        Path digits = dir.resolve("iris-model.onnx");
        assertThat(Cli.run("export", "--model", model.toString(), "--out", digits.toString()).exit()).isZero();
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--epochs", "1", "--init", digits.toString()),
                "--init " + digits + ": the model takes 4 features and gives 3 outputs, but the data has 64 features and 10 classes");
    }

    private static List<String> classes(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.split(",")[0]).toList();
    }
}
