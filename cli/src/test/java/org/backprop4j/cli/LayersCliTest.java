package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.io.SafeTensorsFile;
import org.backprop4j.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --layers}: a CNN on the digits' 1x8x8 images, then save, evaluate, predict and resume; and specs that cannot fit. */
class LayersCliTest {
    private static final String CNN = "conv2d(4,3,padding=1) batchnorm2d relu maxpool2d(2) flatten linear(16) relu linear";

    @TempDir
    Path dir;

    @Test
    void aCnnOnDigitsTrainsSavesEvaluatesPredictsAndResumes() throws IOException {
        Path model = dir.resolve("cnn.safetensors");
        Cli.Result train = Cli.run("train", "--dataset", "digits", "--layers", CNN, "--epochs", "2", "--lr", "0.01",
                "--save", model.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(accuracy(train.out(), "test accuracy: ")).isGreaterThan(0.6); // chance is 0.1

        // PyTorch's names for the same nn.Sequential, and the image shape that lets evaluate/predict run without options
        SafeTensorsFile file = SafeTensorsFile.read(model);
        Map<String, NDArray> t = file.tensors();
        assertThat(t.get("0.weight").shape()).containsExactly(4, 1, 3, 3);
        assertThat(t.get("0.bias").shape()).containsExactly(4);
        assertThat(t.get("1.weight").shape()).containsExactly(4);
        assertThat(t.get("1.running_mean").shape()).containsExactly(4);
        assertThat(t.get("1.running_var").shape()).containsExactly(4);
        assertThat(t).containsKey("1.num_batches_tracked");
        assertThat(t.get("5.weight").shape()).containsExactly(16, 64);
        assertThat(t.get("7.weight").shape()).containsExactly(10, 16);
        assertThat(file.metadata().get("input_shape")).isEqualTo("[1,8,8]");

        Cli.Result eval = Cli.run("evaluate", "--model", model.toString(), "--dataset", "digits");
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(accuracy(eval.out(), "accuracy: ")).isEqualTo(accuracy(train.out(), "test accuracy: "), offset(1e-4));

        Path out = dir.resolve("p.csv");
        Cli.Result predict = Cli.run("predict", "--model", model.toString(), "--dataset", "digits", "--out", out.toString());
        assertThat(predict.exit()).as(predict.err()).isZero();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(360); // header and the 359 test samples
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                sum += Double.parseDouble(f[k]);
            }
            assertThat(sum).isCloseTo(1, offset(1e-5));
        }

        Cli.Result resumed = Cli.run("train", "--dataset", "digits", "--layers", CNN, "--epochs", "4", "--lr", "0.01",
                "--resume", model.toString(), "--save", model.toString());
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming", "epoch 3/4", "epoch 4/4").doesNotContain("epoch 1/4");
        assertThat(accuracy(resumed.out(), "test accuracy: ")).isGreaterThan(0.8);
    }

    @Test
    void anMlpWrittenAsLayersTakesFlatFeatures() {
        Cli.Result r = Cli.run("train", "--dataset", "iris", "--layers", "linear(8) tanh linear", "--epochs", "30", "--lr", "0.05");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(accuracy(r.out(), "test accuracy: ")).isGreaterThan(0.7);
    }

    @Test
    void aSpecThatCannotFitTheDataFailsWithOneLineBeforeTraining() {
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--layers", "conv2d(4,3) flatten linear"),
                "--layers", "layer 1 'conv2d(4,3)'", "--input-shape");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--layers", "conv2d(4,9) flatten linear"),
                "layer 1 'conv2d(4,9)'", "larger than the padded input");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--layers", "conv2d(4,3,groups=2) flatten linear"),
                "layer 1 'conv2d(4,3,groups=2)'", "groups=2");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--layers", "flatten softplus linear"),
                "layer 2 'softplus'", "unknown layer");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--layers", "flatten linear", "--hidden", "8"),
                "--layers", "--hidden");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--layers", "flatten linear", "--activation", "tanh"),
                "--layers", "--activation");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--layers", "conv2d(2,1) flatten linear", "--input-shape", "1,2,3"),
                "--input-shape 1,2,3", "6 values", "4 features");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--layers", "flatten linear", "--input-shape", "4,1"),
                "--input-shape 4,1", "C,H,W");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--input-shape", "1,2,2"), "--input-shape", "--layers");
    }

    /** The number after {@code label} in {@code text}. */
    private static double accuracy(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "([0-9.]+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
