package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.io.SafeTensorsFile;
import org.backprop4j.ndarray.NDArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files that lie in their metadata, carry huge numbers of tensors, or hold NaN weights: one bounded line each, nothing allocated by the lie. */
class HostileModelTest {
    @TempDir
    static Path dir;
    private static SafeTensorsFile valid;

    @BeforeAll
    static void trainOnce() {
        Path model = dir.resolve("iris.safetensors");
        Cli.Result r = Cli.run("train", "--dataset", "iris", "--epochs", "1", "--hidden", "8", "--save", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        valid = SafeTensorsFile.read(model);
    }

    private static Path write(String name, Map<String, NDArray> tensors, Map<String, String> meta) {
        Path p = dir.resolve(name);
        new SafeTensorsFile(tensors, meta).write(p);
        return p;
    }

    private static Cli.Result evaluate(Path model) {
        return Cli.run("evaluate", "--model", model.toString(), "--dataset", "iris");
    }

    @Test
    void metadataClaimingAHugeNetworkIsRefusedBeforeItIsBuilt() {
        Map<String, String> meta = new LinkedHashMap<>(valid.metadata());
        meta.put("hidden", "[400000000]");
        Path liar = write("liar.safetensors", valid.tensors(), meta);
        // 4*h + h + 3*h + 3 parameters for h = 4e8; the file holds those of h = 8
        OneLine.assertError(evaluate(liar), "liar.safetensors", "has 3200000003 parameters but the file's tensors hold only 67 values");
    }

    @Test
    void aMillionExtraTensorsGiveABoundedLine() {
        Map<String, NDArray> tensors = new LinkedHashMap<>(valid.tensors());
        NDArray one = NDArray.wrap(new float[]{1}, 1);
        for (int i = 0; i < 100_000; i++) {
            tensors.put("extra." + i, one);
        }
        Cli.Result r = evaluate(write("crowded.safetensors", tensors, valid.metadata()));
        OneLine.assertError(r, "crowded.safetensors", "unexpected tensor");
        assertThat(r.err().length()).isLessThan(Main.MAX_MESSAGE + 100);
    }

    @Test
    void nanWeightsRefuseToEvaluateAndPredict() {
        Map<String, NDArray> tensors = new LinkedHashMap<>(valid.tensors());
        float[] w = tensors.get("0.weight").toFloatArray();
        w[3] = Float.NaN;
        tensors.put("0.weight", NDArray.wrap(w, tensors.get("0.weight").shape()));
        Path nan = write("nan.safetensors", tensors, valid.metadata());
        OneLine.assertError(evaluate(nan), "--model " + nan + ": the model cannot be used, its parameter '0.weight'",
                "is NaN at flat index 3");
        OneLine.assertError(Cli.run("predict", "--model", nan.toString(), "--dataset", "iris", "--out",
                dir.resolve("p.csv").toString()), "the model cannot be used");
    }
}
