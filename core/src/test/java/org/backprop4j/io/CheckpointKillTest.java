package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that keeps writing checkpoints with SIGKILL at random moments (20 times): after
 * every kill the checkpoint on disk must load and be complete, and temporary files left behind by
 * the killed writer must not disturb loading or the next writer.
 */
class CheckpointKillTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesALoadableCompleteCheckpoint() throws Exception {
        Path file = dir.resolve("run.safetensors");
        Random random = new Random(20261127);
        int last = 0;
        int savedTotal = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = start(file);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String first = out.readLine(); // wait until this child has written one checkpoint of its own
                assertThat(first).as("child output (exit %s)", child.isAlive() ? "alive" : child.exitValue())
                        .startsWith("saved ");
                Thread.sleep(random.nextInt(400));
                child.destroyForcibly(); // SIGKILL on Linux
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                savedTotal++;
            }
            CheckpointState st = Checkpoint.load(file);
            int c = st.epoch();
            assertThat(c).as("checkpoints never go back").isGreaterThan(last);
            assertThat(st.options()).containsEntry("counter", Integer.toString(c));
            List<Tensor> params = st.model().model().parameters();
            assertThat(params).hasSize(4);
            for (Tensor p : params) {
                for (float v : p.toFloatArray()) {
                    if (v != c) {
                        throw new AssertionError("checkpoint " + c + " holds a parameter value " + v);
                    }
                }
            }
            assertThat(st.restoreOptimizer().params()).hasSize(4);
            last = c;
        }
        List<String> names;
        try (var files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
        // leftovers of killed writes are hidden temporary files; the checkpoint itself is intact
        assertThat(names).contains("run.safetensors").allMatch(n -> n.equals("run.safetensors") || n.endsWith(".tmp"));
        assertThat(last).isGreaterThanOrEqualTo(savedTotal);
    }

    private static Process start(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CheckpointWriterMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
