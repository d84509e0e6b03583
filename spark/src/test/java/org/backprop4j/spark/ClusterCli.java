package org.backprop4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code backprop4j} (the command line's Main) in a child JVM as the launcher does for --spark:
 * the Vector API module, the JDK 17 --add-opens list, Spark's logging configuration, this test's class
 * path, and SPARK_HOME pointing at a directory whose jars/ links every jar of that class path (what
 * local-cluster workers start executors from). Output goes to files in {@code dir}.
 */
final class ClusterCli {
    private final Path dir;
    private final Path sparkHome;

    ClusterCli(Path dir) throws IOException {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
    }

    /** The directory with jars/ that SPARK_HOME names in the children. */
    Path sparkHome() {
        return sparkHome;
    }

    /** Starts {@code backprop4j ARGS} with SPARK_HOME set (or removed when {@code withSparkHome} is false); output in NAME.out and NAME.err. */
    Process start(String name, boolean withSparkHome, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "--add-modules", "jdk.incubator.vector", "@" + Path.of("conf", "jdk17-opens.args").toAbsolutePath(),
                "-Dlog4j2.configurationFile=" + Path.of("conf", "log4j2.properties").toAbsolutePath(),
                // executors of a busy machine may take minutes to register; these tests are not about that bound
                "-D" + ClusterStart.EXECUTOR_WAIT + "=5m",
                "-cp", System.getProperty("java.class.path"), "org.backprop4j.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out(name).toFile()).redirectError(err(name).toFile());
        Map<String, String> env = pb.environment();
        env.remove("SPARK_HOME");
        if (withSparkHome) {
            env.put("SPARK_HOME", sparkHome.toString());
        }
        return pb.start();
    }

    /** Runs {@code backprop4j ARGS} to its end (at most {@code minutes}); returns the exit status. */
    int run(String name, int minutes, String... args) throws IOException, InterruptedException {
        Process p = start(name, true, args);
        try {
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                throw new AssertionError(name + " did not end within " + minutes + " min; stderr: " + read(err(name)));
            }
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    Path out(String name) {
        return dir.resolve(name + ".out");
    }

    Path err(String name) {
        return dir.resolve(name + ".err");
    }

    /** The child JVMs that are Spark executors started for {@code driver} (the workers of local-cluster run in it). */
    static List<ProcessHandle> executors(Process driver) {
        return driver.toHandle().descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    /**
     * The lines that must match between runs: the epoch lines without their throughput and time (from
     * "N samples/s" on, except the learning rate) and the test accuracy line.
     */
    static List<String> results(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("epoch ")) {
                lines.add(line.replaceAll("\\s+[\\d,]+ samples/s\\s+[\\d.]+ s", ""));
            } else if (line.startsWith("test accuracy: ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** Waits (at most {@code seconds}) until {@code file} holds {@code text}, or {@code p} has ended. */
    static boolean awaitText(Path file, String text, Process p, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (read(file).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return read(file).contains(text);
    }
}
