package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop4j train --spark local-cluster[2,1,1024]} in child JVMs: a Master and two Workers in the
 * driver's JVM, each forking an executor JVM, set up with nothing but SPARK_HOME (see {@link ClusterCli}).
 * An executor killed with SIGKILL mid-run changes no result; Ctrl-C of the driver checkpoints and takes
 * the executors down; set-up problems end in one line with exit status 2.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LocalClusterTest {
    private static final String CLUSTER = "local-cluster[2,1,1024]";

    @TempDir
    Path dir;

    @Test
    void anExecutorKilledMidRunLeavesEveryEpochAndTheTestAccuracyOfTheSingleProcessRun() throws Exception {
        ClusterCli cli = new ClusterCli(dir);
        assertThat(cli.run("single", 5, "train", "--epochs", "3")).as(ClusterCli.read(cli.err("single"))).isZero();
        Process driver = cli.start("cluster", true, "train", "--epochs", "3", "--spark", CLUSTER);
        List<ProcessHandle> executors;
        try {
            assertThat(ClusterCli.awaitText(cli.out("cluster"), "epoch 1/3", driver, 300))
                    .as("the first epoch; stderr: %s", ClusterCli.read(cli.err("cluster"))).isTrue();
            executors = ClusterCli.executors(driver);
            assertThat(executors).as("the executor JVMs of the two workers").hasSize(2);
            assertThat(executors.get(0).destroyForcibly()).isTrue(); // SIGKILL
            executors.get(0).onExit().get(30, TimeUnit.SECONDS);
            assertThat(driver.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            driver.destroyForcibly();
        }
        String out = ClusterCli.read(cli.out("cluster"));
        assertThat(driver.exitValue()).as("stdout: %s%nstderr: %s", out, ClusterCli.read(cli.err("cluster"))).isZero();
        assertThat(out).containsPattern("spark executors: \\d+ on \\S+: vector kernels \\(partition \\d\\); "
                + "\\d+ on \\S+: vector kernels \\(partition \\d\\)");
        assertThat(ClusterCli.read(cli.err("cluster"))).as("Spark noticed the loss").contains("Lost executor");
        List<String> single = ClusterCli.results(cli.out("single"));
        assertThat(single).hasSize(4);
        assertThat(ClusterCli.results(cli.out("cluster"))).isEqualTo(single);
    }

    @Test
    void ctrlCOfTheDriverFinishesTheStepWritesTheCheckpointAndStopsTheExecutors() throws Exception {
        ClusterCli cli = new ClusterCli(dir);
        Path ckpt = dir.resolve("run.safetensors");
        Process driver = cli.start("ctrlc", true, "train", "--limit", "600", "--val-split", "0", "--epochs", "1000",
                "--save", ckpt.toString(), "--spark", CLUSTER);
        List<ProcessHandle> executors;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.exists(ckpt) && driver.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.exists(ckpt)).as("the first epoch's checkpoint; stderr: %s", ClusterCli.read(cli.err("ctrlc")))
                    .isTrue();
            executors = ClusterCli.executors(driver);
            assertThat(executors).hasSize(2);
            Thread.sleep(300);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(driver.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(driver.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            driver.destroyForcibly();
        }
        String err = ClusterCli.read(cli.err("ctrlc"));
        assertThat(driver.exitValue()).as("stderr: %s", err).isEqualTo(130);
        assertThat(err).contains("Ctrl-C: stopping after the current step", "checkpoint saved to " + ckpt,
                "training interrupted after step").doesNotContain("\tat ");
        CheckpointState st = Checkpoint.load(ckpt);
        assertThat(st.resumePosition().epoch()).isGreaterThanOrEqualTo(2);
        for (ProcessHandle e : executors) {
            e.onExit().get(60, TimeUnit.SECONDS); // the workers in the driver's JVM took their executors down
        }
    }

    @Test
    void aMasterThatCannotBeReachedIsOneLineAndStatus2() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClusterCli cli = new ClusterCli(dir);
        int status = cli.run("unreachable", 2, "train", "--epochs", "1", "--spark", "spark://127.0.0.1:" + port);
        assertThat(status).isEqualTo(2);
        assertThat(errorLines(cli.err("unreachable"))).containsExactly("error: cannot reach the Spark master spark://"
                + "127.0.0.1:" + port + " (127.0.0.1:" + port + ": Connection refused)");
    }

    @Test
    void localClusterWithoutSparkHomeIsOneLineAndStatus2() throws Exception {
        ClusterCli cli = new ClusterCli(dir);
        Process p = cli.start("nohome", false, "train", "--epochs", "1", "--spark", CLUSTER);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        List<String> lines = errorLines(cli.err("nohome"));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: --spark " + CLUSTER + " starts executors from $SPARK_HOME/jars,"
                + " but SPARK_HOME is not set");
    }

    /** Standard error without the JVM's incubator warning (which the launcher filters). */
    private static List<String> errorLines(Path err) throws java.io.IOException {
        return Files.readAllLines(err).stream()
                .filter(l -> !l.equals("WARNING: Using incubator modules: jdk.incubator.vector")).toList();
    }
}
