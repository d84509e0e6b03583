package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backprop4j.io.SafeTensorsFile;
import org.backprop4j.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 4 epochs in one go and 2 epochs + resume for 2 more give the same metrics and the same bits. */
class ResumeTest {
    @TempDir
    Path dir;

    private static String[] args(String... extra) {
        String[] base = {"train", "--dropout", "0.2", "--hidden", "32", "--schedule", "step:1:0.7", "--early-stopping", "10"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** The metrics JSON without its timings, which differ from run to run. */
    private static String withoutTimings(Path json) throws IOException {
        return Files.readString(json).replaceAll("\"(seconds|samples_per_second|validation_seconds|warmup_wait_seconds)\": [^,}\\n]+", "\"$1\": _");
    }

    @Test
    void resumingContinuesBitIdentically() throws IOException {
        Path full = dir.resolve("full.safetensors");
        Path part = dir.resolve("part.safetensors");
        Cli.Result a = Cli.run(args("--epochs", "4", "--save", full.toString(), "--metrics-out", dir.resolve("a.json").toString()));
        assertThat(a.exit()).as(a.err()).isZero();
        Cli.Result b1 = Cli.run(args("--epochs", "2", "--save", part.toString()));
        assertThat(b1.exit()).as(b1.err()).isZero();
        Cli.Result b2 = Cli.run(args("--epochs", "4", "--resume", part.toString(), "--save", part.toString(),
                "--metrics-out", dir.resolve("b.json").toString()));
        assertThat(b2.exit()).as(b2.err()).isZero();
        assertThat(b2.out()).contains("resuming").contains("epoch 3/4").doesNotContain("epoch 1/4");

        assertThat(withoutTimings(dir.resolve("b.json"))).isEqualTo(withoutTimings(dir.resolve("a.json")));
        Map<String, NDArray> ta = SafeTensorsFile.read(full).tensors();
        Map<String, NDArray> tb = SafeTensorsFile.read(part).tensors();
        assertThat(tb.keySet()).isEqualTo(ta.keySet()).contains("0.weight", "0.bias", "3.weight", "optimizer.0.exp_avg");
        for (String k : ta.keySet()) {
            assertThat(tb.get(k).toDoubleArray()).as(k).containsExactly(ta.get(k).toDoubleArray());
        }
        String testLine = "test accuracy: ";
        assertThat(b2.out().substring(b2.out().indexOf(testLine))).isEqualTo(a.out().substring(a.out().indexOf(testLine))
                .replace("metrics written to " + dir.resolve("a.json"), "metrics written to " + dir.resolve("b.json")));
    }

    @Test
    void resumingWithOtherOptionsIsRefused() {
        Path part = dir.resolve("part.safetensors");
        assertThat(Cli.run(args("--epochs", "1", "--save", part.toString())).exit()).isZero();
        Cli.Result r = Cli.run("train", "--epochs", "2", "--hidden", "16", "--resume", part.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("different run").contains("--hidden was 32, now 16");
    }
}
