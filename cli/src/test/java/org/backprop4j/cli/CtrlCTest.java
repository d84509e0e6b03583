package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) during {@code train --save}: the run finishes its step, writes a checkpoint and exits with 130. */
class CtrlCTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sigintWritesACheckpointAtAStepBoundaryAndExits130() throws Exception {
        Path ckpt = dir.resolve("run.safetensors");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 320 samples in batches of 32: 10 steps per epoch
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--limit", "320", "--val-split", "0", "--batch-size", "32",
                "--epochs", "100000", "--save", ckpt.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ckpt) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(ckpt)).as("a first checkpoint; stderr: %s", read(err)).isTrue();
            Thread.sleep(150);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("stderr: %s", read(err)).isEqualTo(130);
        assertThat(read(err)).contains("Ctrl-C: stopping after the current step", "checkpoint saved to " + ckpt,
                "training interrupted after step").doesNotContain("\tat ");

        CheckpointState st = Checkpoint.load(ckpt);
        String at = st.options().get("interrupted-at");
        assertThat(at).matches("epoch \\d+ step \\d+");
        String[] parts = at.split(" ");
        int epoch = Integer.parseInt(parts[1]);
        int step = Integer.parseInt(parts[3]);
        assertThat(st.epoch()).isEqualTo(epoch - 1);
        assertThat(st.history()).hasSize(epoch - 1);
        // a step boundary: the optimiser has taken exactly the steps of the completed epochs plus `step`
        assertThat(st.restoreOptimizer().stepCount()).isEqualTo((long) (epoch - 1) * 10 + step);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
