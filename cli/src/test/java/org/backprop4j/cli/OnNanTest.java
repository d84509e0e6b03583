package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.backprop4j.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --on-nan}: a diverging run stops with a one-line message (or skips batches) and keeps a good checkpoint. */
class OnNanTest {
    @TempDir
    Path dir;

    private static final String[] DIVERGING = {"train", "--dataset", "iris", "--optimizer", "sgd", "--momentum", "0",
        "--lr", "1e30", "--epochs", "3", "--val-split", "0"};

    private static String[] with(String... extra) {
        String[] args = java.util.Arrays.copyOf(DIVERGING, DIVERGING.length + extra.length);
        System.arraycopy(extra, 0, args, DIVERGING.length, extra.length);
        return args;
    }

    @Test
    void stopIsTheDefault() {
        Path ckpt = dir.resolve("c.safetensors");
        Cli.Result r = Cli.run(with("--save", ckpt.toString()));
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: training diverged at epoch 1, step ").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void skipBatchGoesOn() {
        Cli.Result r = Cli.run(with("--on-nan", "skip-batch"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: skipped epoch 1, step ");
        assertThat(r.out()).contains("test accuracy:");
    }

    @Test
    void anEpochWithEveryBatchSkippedSaysSoInsteadOfAZeroLoss() {
        Cli.Result r = Cli.run(with("--on-nan", "skip-batch"));
        assertThat(r.exit()).as(r.err()).isZero();
        // after the first step the weights are huge, so later epochs skip every batch: 120 samples / 16 = 8 batches
        assertThat(r.err()).contains("warning: epoch 3: all 8 batches skipped, nothing was trained");
        assertThat(r.out()).contains("epoch 3/3  loss n/a  acc n/a (no batch trained)").doesNotContain("loss 0.0000  acc 0.0000");
    }

    @Test
    void aGoodRunIsUnchanged() {
        Path ckpt = dir.resolve("ok.safetensors");
        Cli.Result r = Cli.run("train", "--dataset", "iris", "--epochs", "2", "--on-nan", "stop", "--save", ckpt.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Checkpoint.load(ckpt).epoch()).isEqualTo(2);
    }
}
