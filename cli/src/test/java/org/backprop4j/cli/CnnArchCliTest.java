package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.backprop4j.data.ImageAugmentation;
import org.backprop4j.io.SafeTensorsFile;
import org.backprop4j.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --arch cnn} and {@code --augment} on the digits' 1x8x8 images: the preset network is
 * built and saved under PyTorch's names; an augmented run resumed after its first epoch ends with
 * exactly the tensors of the uninterrupted run; evaluate, gradcheck and explain take CNNs; and the
 * options that cannot go together give one line.
 */
class CnnArchCliTest {
    @TempDir
    Path dir;

    private static final String[] DIGITS_CNN = {"train", "--dataset", "digits", "--arch", "cnn", "--augment", "shift:1+flip",
        "--batch-size", "64", "--lr", "0.003"};

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void anAugmentedCnnResumedAfterEpochOneEqualsTheUninterruptedRun() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        Cli.Result straight = Cli.run(with(DIGITS_CNN, "--epochs", "2", "--save", whole.toString()));
        assertThat(straight.exit()).as(straight.err()).isZero();
        assertThat(straight.out()).contains("(0): Conv2d(1, 32", "(12): Linear(in_features=128, out_features=10",
                "training images augmented: random shifts of up to 1 pixels (zero fill) and random horizontal flips");

        Path part = dir.resolve("part.safetensors");
        Cli.Result first = Cli.run(with(DIGITS_CNN, "--epochs", "1", "--save", part.toString()));
        assertThat(first.exit()).as(first.err()).isZero();
        Cli.Result resumed = Cli.run(with(DIGITS_CNN, "--epochs", "2", "--resume", part.toString(), "--save", part.toString()));
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming", "epoch 2/2").doesNotContain("epoch 1/2");
        assertThat(testLine(resumed.out())).isEqualTo(testLine(straight.out()));

        Map<String, NDArray> a = SafeTensorsFile.read(whole).tensors();
        Map<String, NDArray> b = SafeTensorsFile.read(part).tensors();
        assertThat(a.get("0.weight").shape()).containsExactly(32, 1, 3, 3);
        assertThat(a.get("5.running_var").shape()).containsExactly(64);
        assertThat(a.get("9.weight").shape()).containsExactly(128, 256); // 64 channels x 2 x 2 after two poolings of 8x8
        for (String name : a.keySet()) {
            if (!name.startsWith("__")) {
                assertThat(b.get(name).toDoubleArray()).as(name).containsExactly(a.get(name).toDoubleArray());
            }
        }

        // a different augmentation is a different run: --resume refuses it
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--arch", "cnn", "--augment", "flip", "--batch-size", "64",
                "--lr", "0.003", "--epochs", "3", "--resume", whole.toString()), "--augment was shift:1+flip, now flip");

        Cli.Result eval = Cli.run("evaluate", "--model", whole.toString(), "--dataset", "digits");
        assertThat(eval.exit()).as(eval.err()).isZero();
        Cli.Result explain = Cli.run("explain", "--model", whole.toString(), "--dataset", "digits", "--param", "0.weight[3,0,1,1]");
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("paths from E to 0.weight[3,0,1,1]");
    }

    @Test
    void gradcheckTakesALayerListOverImages() {
        Cli.Result r = Cli.run("gradcheck", "--layers", "conv2d(4,3,padding=1,stride=2) batchnorm2d relu maxpool2d(2) "
                + "conv2d(4,3,padding=1,groups=2) leakyrelu(0.1) avgpool2d(3,stride=1,padding=1) flatten batchnorm1d linear(5) gelu linear",
                "--input-shape", "2,7,7");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("on inputs 2,7,7", "0.weight", "1.weight", "(PASS, tolerance 1e-04, step 1e-05)");
        OneLine.assertError(Cli.run("gradcheck", "--layers", "flatten dropout(0.5) linear", "--inputs", "4"),
                "layer 2 is dropout");
        OneLine.assertError(Cli.run("gradcheck", "--input-shape", "1,4,4"), "--input-shape is for --layers");
        OneLine.assertError(Cli.run("gradcheck", "--layers", "conv2d(2,3) flatten linear"), "layer 1 'conv2d(2,3)'", "--input-shape");
    }

    @Test
    void optionsThatCannotGoTogetherGiveOneLine() {
        OneLine.assertError(Cli.run("train", "--arch", "resnet"), "--arch must be one of mlp, cnn, got resnet");
        OneLine.assertError(Cli.run("train", "--arch", "cnn", "--layers", "flatten linear"), "either --layers or --arch cnn");
        OneLine.assertError(Cli.run("train", "--arch", "cnn", "--hidden", "8"), "--arch cnn describes the whole network");
        OneLine.assertError(Cli.run("train", "--augment", "rotate"), "'rotate'", ImageAugmentation.FORMS);
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--augment", "flip"), "--augment flip needs images",
                "--input-shape");
        OneLine.assertError(Cli.run("train", "--dataset", "iris", "--arch", "cnn"), "layer 1 'conv2d(32,3,padding=1)'",
                "--input-shape");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--arch", "cnn", "--augment", "shift:8"), "0..7");
        OneLine.assertError(Cli.run("train", "--dataset", "digits", "--arch", "cnn", "--augment", "flip", "--spark", "local[2]"),
                "--augment is not available with --spark");
    }

    /** The line with the test accuracy and loss. */
    private static String testLine(String out) {
        return out.lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow();
    }
}
