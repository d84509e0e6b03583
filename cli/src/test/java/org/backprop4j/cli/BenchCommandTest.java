package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop4j bench} on a small synthetic data set in the Fashion-MNIST file layout. */
class BenchCommandTest {
    @TempDir
    Path dir;

    /** IDX images [n, 28, 28] whose class c has a bright 4x4 block at row 2c, plus noise; labels in order 0..9. */
    private static void writeSet(Path dir, String prefix, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            img.writeInt(0x00000803);
            img.writeInt(n);
            img.writeInt(28);
            img.writeInt(28);
            lab.writeInt(0x00000801);
            lab.writeInt(n);
            for (int i = 0; i < n; i++) {
                int c = i % 10;
                byte[] px = new byte[784];
                for (int p = 0; p < 784; p++) {
                    px[p] = (byte) rnd.nextInt(60);
                }
                for (int r = 2 * c; r < 2 * c + 4; r++) {
                    for (int col = 10; col < 14; col++) {
                        px[r * 28 + col] = (byte) 250;
                    }
                }
                img.write(px);
                lab.writeByte(c);
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\[[^\\]]*\\]|\"[^\"]*\"|[-0-9.eE]+)").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    private String bench(String... extra) {
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[]{"bench", "--data-dir", dir.toString(), "--epochs", "3", "--batch-size=50"}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void printsOneJsonLineLastWithTheRatesAndTheSameLossesForAnyThreadCountAndKernelSet() throws IOException {
        writeSet(dir, "train", 1010, 1); // 1010 = 20 batches of 50 and a tail of 10
        writeSet(dir, "t10k", 200, 2);
        String before = Kernels.implementation();
        int threads = Kernels.threads();
        try {
            String one = bench("--threads", "1");
            assertThat(one).startsWith("{").endsWith("}");
            assertThat(field(one, "system")).isEqualTo("\"backprop4j\"");
            assertThat(Double.parseDouble(field(one, "samples_per_second"))).isPositive();
            assertThat(Double.parseDouble(field(one, "gflops"))).isPositive();
            assertThat(Double.parseDouble(field(one, "peak_heap_mib"))).isPositive();
            assertThat(Double.parseDouble(field(one, "test_accuracy"))).as("the blocks are easy to tell apart").isGreaterThan(0.9);
            String[] epochs = field(one, "epoch_samples_per_second").replaceAll("[\\[\\]]", "").split(",");
            assertThat(epochs).hasSize(3);
            // samples_per_second: the 2 timed epochs' 2020 samples over their total time
            double seconds = 1010 / Double.parseDouble(epochs[1]) + 1010 / Double.parseDouble(epochs[2]);
            assertThat(Double.parseDouble(field(one, "train_seconds"))).isCloseTo(seconds, org.assertj.core.api.Assertions.within(2e-3));
            assertThat(Double.parseDouble(field(one, "samples_per_second")))
                    .isCloseTo(2020 / seconds, org.assertj.core.api.Assertions.withinPercentage(1));
            double all = Double.parseDouble(field(one, "warmup_wait_seconds")) + seconds + 1010 / Double.parseDouble(epochs[0]);
            assertThat(Double.parseDouble(field(one, "whole_run_samples_per_second")))
                    .as("the warm-up wait and every epoch, the first included").isCloseTo(3030 / all, org.assertj.core.api.Assertions.withinPercentage(1));
            assertThat(field(one, "arch")).isEqualTo("\"mlp\"");
            assertThat(field(one, "optimizer")).isEqualTo("\"sgd\"");
            assertThat(Double.parseDouble(field(one, "first_step_seconds")))
                    .isPositive().isLessThanOrEqualTo(Double.parseDouble(field(one, "first_step_done_seconds")));
            assertThat(Double.parseDouble(field(one, "warmup_wait_seconds"))).as("the wait comes before the first step")
                    .isNotNegative().isLessThanOrEqualTo(Double.parseDouble(field(one, "first_step_seconds")));

            String two = bench("--threads", "2");
            assertThat(field(two, "threads")).isEqualTo("2");
            assertThat(field(two, "final_loss")).as("bit-identical for 1 and 2 threads").isEqualTo(field(one, "final_loss"));
            String plain = bench("--threads", "2", "--kernels", "plain");
            assertThat(field(plain, "kernels")).isEqualTo("\"plain\"");
            assertThat(field(plain, "final_loss")).as("the same with either kernel set").isEqualTo(field(one, "final_loss"));
            assertThat(field(plain, "test_accuracy")).isEqualTo(field(one, "test_accuracy"));
        } finally {
            Kernels.use(before);
            Kernels.setThreads(threads);
        }
    }

    @Test
    void trainsTheCnnWorkloadWithAdamAndTheSameLossForAnyThreadCount() throws IOException {
        writeSet(dir, "train", 120, 3);
        writeSet(dir, "t10k", 40, 4);
        int threads = Kernels.threads();
        try {
            String one = bench("--arch", "cnn", "--threads", "1");
            assertThat(field(one, "arch")).isEqualTo("\"cnn\"");
            assertThat(field(one, "optimizer")).isEqualTo("\"adam\"");
            assertThat(Double.parseDouble(field(one, "whole_run_samples_per_second"))).isPositive();
            assertThat(Double.parseDouble(field(one, "final_loss"))).as("a finite loss").isFinite();
            String two = bench("--arch", "cnn", "--threads", "2");
            assertThat(field(two, "final_loss")).as("bit-identical for 1 and 2 threads").isEqualTo(field(one, "final_loss"));
        } finally {
            Kernels.setThreads(threads);
        }
    }

    @Test
    void refusesAnUnknownArchitectureInOneLine() {
        Cli.Result r = Cli.run("bench", "--data-dir", dir.toString(), "--arch", "rnn");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).contains("--arch must be mlp or cnn").doesNotContain("\n");
    }
}
