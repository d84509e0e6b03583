package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.io.Scaling;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExplainCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void explainWithoutFlagsShowsTheTwoPathsOfTheClassicExample() {
        assertThat(run("explain")).isZero();
        String s = out.toString();
        assertThat(s).contains("2 paths from E to 0.weight[0,1]")
                .contains("path 1 of 2: E -> o[0,1] -> z[0,0] -> h[0,0] -> a[0,0] -> 0.weight[0,1]")
                .contains("case j != k").contains("case j = k").contains("sum over all 2 paths")
                .contains("autodiff (backward)").contains("numeric (float64").contains("the two forms agree");
    }

    @Test
    void softTargetsFusedFormShowsTau() {
        assertThat(run("explain", "--targets", "soft", "--form", "fused", "--param", "2.weight[0,1]")).isZero();
        assertThat(out.toString()).contains("(o_k*tau - t_k)").contains("tau = sum_j t_j = 1.1");
    }

    @Test
    void jsonAndDerive() {
        assertThat(run("explain", "--json")).isZero();
        String json = out.toString().trim();
        assertThat(json).startsWith("{").endsWith("}").containsPattern("\"pathCount\": 2,")
                .containsPattern("\"sum\": -0\\.0011347918973\\d*,").containsPattern("\"autodiff\": -0\\.0011347918973\\d*,")
                .containsPattern("\"numeric\": -0\\.00113479189\\d*,");
        assertThat(run("explain", "--derive")).isZero();
        assertThat(out.toString()).contains("o_k*tau - t_k").contains("the wrong gradient is exactly 0");
    }

    @Test
    void badParamIsAOneLineErrorWithExitTwo() {
        assertThat(run("explain", "--param", "5.weight[0,0]")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no parameter named '5.weight'")
                .contains("0.weight [2, 2], 0.bias [2], 2.weight [2, 2], 2.bias [2]");
    }

    @Test
    void modelOptionExplainsASavedModelWithItsScaler(@TempDir Path dir) {
        Path file = dir.resolve("m.safetensors");
        assertThat(run("explain", "--model", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("m.safetensors");
        ModelSpec spec = new ModelSpec(4, new int[]{3}, 3, "tanh", 0);
        Scaling scaling = Scaling.of(Standardizer.fit(Datasets.iris()));
        ModelFile.save(file, new SavedModel(spec, spec.build(new Rng(1), DType.FLOAT32), List.of(), scaling));
        assertThat(run("explain", "--model", file.toString(), "--dataset", "iris",
                "--input", "5", "--param", "0.weight[2,3]", "--max-paths", "1")).isZero();
        assertThat(out.toString()).containsPattern("iris test sample 5 \\(label [0-2]\\)").contains("paths from E to 0.weight[2,3]")
                .contains("showing 1 of");
        assertThat(run("explain", "--model", file.toString(), "--dataset", "digits")).isEqualTo(2);
        assertThat(err.toString()).contains("the model takes 4 features").contains("digits has 64");
    }

    @Test
    void graphWritesDotAndSaysHowToInstallGraphviz(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        assertThat(run("graph", "--out", dot.toString(), "--param", "2.weight[1,0]")).isZero();
        String text = Files.readString(dot);
        assertThat(text).startsWith("digraph").contains("#d62728").contains("SoftmaxCrossEntropy");

        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        GraphCommand g = cl.getSubcommands().get("graph").getCommand();
        g.dotProgram = dir.resolve("no-such-dot").toString();
        assertThat(cl.execute("graph", "--out", dot.toString(), "--svg", dir.resolve("g.svg").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("apt-get install graphviz");
    }

    /** A trained digits CNN: a convolution weight's gradient is summed over its 64 output positions, and the sums agree. */
    @Test
    void convolutionWeightIsSummedOverItsOutputPositions(@TempDir Path dir) {
        Path model = dir.resolve("cnn.safetensors");
        assertThat(run("train", "--dataset", "digits", "--epochs", "1", "--layers",
                "conv2d(4,3,padding=1) relu maxpool2d(2) flatten linear", "--save", model.toString())).as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("explain", "--model", model.toString(), "--param", "0.weight[3,0,0,0]", "--max-paths", "3"))
                .as(err.toString()).isZero();
        String s = out.toString();
        assertThat(s).contains("0.weight[3,0,0,0] is shared: a = conv2d(x, 0.weight, 0.bias), stride=1, padding=1, dilation=1, groups=1\n")
                .contains("multiplies it at every output position a[n,3,y,x]: 1 x 8 x 8 = 64 positions, so\n")
                .contains("64 positions: 49 meet an input element, 15 meet the zero padding")
                .contains("in the padding: a[0,3,0,0], a[0,3,0,1],")
                .contains("the 10 largest contributions of 64:")
                .contains("per output row (sample n, row y), the sum over its 8 positions:")
                .contains("paths through the largest contributions (showing 3 of ");
        assertThat(s.lines().filter(l -> l.startsWith("path ")).count()).isEqualTo(3);
        double positions = value(s, "sum over all 64 positions");
        assertThat(Math.abs(value(s, "autodiff (backward)") - positions)).isLessThan(1e-12 * Math.max(1, Math.abs(positions)));
        assertThat(Math.abs(value(s, "numeric (float64, central differences)") - positions))
                .isLessThan(1e-6 * Math.max(1, Math.abs(positions)));
    }

    /** The number after {@code label} on its line of the text report. */
    private static double value(String report, String label) {
        String line = report.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(label.length()).trim().split("\\s+")[0]);
    }
}
