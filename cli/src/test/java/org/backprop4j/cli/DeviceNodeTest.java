package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.kernel.Kernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outputs naming a real character device are written through and the node survives: one that
 * swallows everything (major 1, minor 3, the null device's numbers) gives status 0, and one that
 * fails every write with "no space" (1, 7, the full device's numbers) gives one error line and status 2.
 * The nodes are made with {@code mknod} inside a temporary directory, so this needs root.
 */
class DeviceNodeTest {
    @TempDir
    Path dir;

    /**
     * The kernel choice is logged on stderr once per JVM, on first use ("backprop4j: using the vector
     * kernels"); it is a log line, not part of an error, so it is made before the commands run.
     */
    @BeforeAll
    static void chooseKernels() {
        Kernels.implementation();
    }

    /** Each output option of train and predict, as the arguments that send it to {@code target}. */
    static Stream<String> outputs() {
        return Stream.of("train --save", "train --plot", "train --metrics-out", "predict --out");
    }

    /** Runs {@code output} (such as "predict --out") on iris, sending it to {@code target}; predict gets a fresh model. */
    private Cli.Result writeTo(String output, Path target) {
        String[] commandAndOption = output.split(" ");
        List<String> args = new ArrayList<>(List.of(commandAndOption[0], "--dataset", "iris"));
        args.addAll(commandAndOption[0].equals("train") ? List.of("--epochs", "1")
                : List.of("--model", Cli.irisModel(dir.resolve("iris.safetensors")).toString()));
        args.addAll(List.of(commandAndOption[1], target.toString()));
        return Cli.run(args.toArray(String[]::new));
    }

    /** A character device node {@code name} with the given numbers in a fresh directory; skips unless mknod works. */
    private Path device(String name, int major, int minor) throws Exception {
        Path node = Files.createTempDirectory(dir, "dev").resolve(name);
        int status;
        try {
            status = new ProcessBuilder("mknod", node.toString(), "c", Integer.toString(major), Integer.toString(minor))
                    .redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            status = -1;
        }
        assumeTrue(status == 0, "mknod needs root");
        assertThat(isCharacterDevice(node)).isTrue();
        return node;
    }

    private static boolean isCharacterDevice(Path node) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%F", node.toString()).start();
        String type = new String(stat.getInputStream().readAllBytes()).strip();
        return stat.waitFor() == 0 && type.equals("character special file")
                && Files.readAttributes(node, "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode") instanceof Integer mode
                && (mode & 0170000) == 0020000; // S_IFCHR
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void aDeviceThatSwallowsEverythingIsWrittenThroughAndSurvives(String output) throws Exception {
        Path nulldev = device("nulldev", 1, 3);
        Cli.Result r = writeTo(output, nulldev);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(isCharacterDevice(nulldev)).isTrue();
        try (Stream<Path> files = Files.list(nulldev.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void aDeviceThatFailsEveryWriteGivesOneLineAndSurvives(String output) throws Exception {
        Path fulldev = device("fulldev", 1, 7);
        Cli.Result r = writeTo(output, fulldev);
        OneLine.assertError(r, fulldev.toString());
        assertThat(isCharacterDevice(fulldev)).isTrue();
    }
}
