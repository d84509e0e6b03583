package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.SafeTensorsFile;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.train.TrainingPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP during {@code train --save}: the run finishes its step, writes a
 * checkpoint with its position in the epoch and exits with 130, 143 or 129; {@code --resume} then ends
 * bit-identical to an uninterrupted run. A second signal never cuts a checkpoint write short.
 */
class CtrlCTest {
    /** 1400 digits in batches of 8: 175 steps per epoch, so a signal nearly always lands mid-epoch. */
    private static final String[] RUN = {"train", "--limit", "1400", "--val-split", "0", "--batch-size", "8",
        "--dropout", "0.2", "--hidden", "32"};

    @TempDir
    Path dir;

    private static String[] args(String... extra) {
        String[] all = new String[RUN.length + extra.length];
        System.arraycopy(RUN, 0, all, 0, RUN.length);
        System.arraycopy(extra, 0, all, RUN.length, extra.length);
        return all;
    }

    /** Starts {@code train} in a child JVM, waits for its first checkpoint, sends {@code signals}, and waits for the end. */
    private Process interrupted(Path ckpt, Path out, Path err, String... signals) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args("--epochs", "100000", "--save", ckpt.toString())));
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ckpt) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(ckpt)).as("a first checkpoint; stderr: %s", read(err)).isTrue();
            Thread.sleep(100);
            for (String signal : signals) {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
                assertThat(kill.waitFor()).isZero();
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        return child;
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130, Ctrl-C", "TERM, 143, SIGTERM", "HUP, 129, SIGHUP"})
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aSignalCheckpointsMidEpochAndResumingIsBitIdentical(String signal, int status, String label) throws Exception {
        Path ckpt = dir.resolve("run.safetensors");
        Path err = dir.resolve("err.txt");
        Process child = interrupted(ckpt, dir.resolve("out.txt"), err, signal);
        assertThat(child.exitValue()).as("stderr: %s", read(err)).isEqualTo(status);
        assertThat(read(err)).contains(label + ": stopping after the current step", "checkpoint saved to " + ckpt,
                "training interrupted after step").doesNotContain("\tat ");
        assertNoTemporaryFiles();

        CheckpointState st = Checkpoint.load(ckpt);
        TrainingPosition at = st.resumePosition();
        assertThat(st.position()).isNotNull();
        assertThat(st.epoch()).isEqualTo(at.epoch() - 1);
        assertThat(st.history()).hasSize(at.epoch() - 1);
        // a step boundary: the optimiser has taken exactly the steps of the completed epochs plus the position's
        assertThat(st.restoreOptimizer().stepCount()).isEqualTo((long) (at.epoch() - 1) * 175 + at.step());

        String epochs = Integer.toString(at.epoch() + 1);
        Path reference = dir.resolve("reference.safetensors");
        Cli.Result whole = Cli.run(args("--epochs", epochs, "--save", reference.toString()));
        assertThat(whole.exit()).as(whole.err()).isZero();
        Cli.Result resumed = Cli.run(args("--epochs", epochs, "--resume", ckpt.toString(), "--save", ckpt.toString()));
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming " + ckpt + " after epoch " + st.epoch()
                + (at.atEpochStart() ? "" : ", step " + at.step() + " of epoch " + at.epoch()));
        assertThat(testLine(resumed.out())).isEqualTo(testLine(whole.out()));
        Map<String, NDArray> want = SafeTensorsFile.read(reference).tensors();
        Map<String, NDArray> got = SafeTensorsFile.read(ckpt).tensors();
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((k, v) -> assertThat(got.get(k).toDoubleArray()).as(k).containsExactly(v.toDoubleArray()));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void twoQuickSignalsLeaveNoTemporaryFiles() throws Exception {
        Path ckpt = dir.resolve("run.safetensors");
        Path err = dir.resolve("err.txt");
        Process child = interrupted(ckpt, dir.resolve("out.txt"), err, "TERM", "TERM");
        assertThat(child.exitValue()).as("stderr: %s", read(err)).isEqualTo(143);
        assertNoTemporaryFiles();
        Checkpoint.load(ckpt); // whatever the second signal interrupted, the checkpoint is whole
    }

    @Test
    void aSecondSignalWaitsForTheCheckpointWriteToEnd() throws Exception {
        List<Integer> halted = new CopyOnWriteArrayList<>();
        CtrlC signals = new CtrlC(halted::add);
        signals.onSignal("TERM");
        assertThat(signals.requested()).isTrue();
        assertThat(signals.exitStatus()).isEqualTo(143);
        assertThat(halted).isEmpty();

        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> signals.uninterruptibly(() -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        writer.start();
        writing.await();
        Thread second = new Thread(() -> signals.onSignal("INT"));
        second.start();
        second.join(300);
        assertThat(second.isAlive()).as("the second signal waits for the write").isTrue();
        assertThat(halted).isEmpty();
        release.countDown();
        second.join(10_000);
        writer.join(10_000);
        assertThat(halted).containsExactly(130);
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static String testLine(String out) {
        return out.lines().filter(l -> l.startsWith("test accuracy: ")).findFirst().orElseThrow();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
