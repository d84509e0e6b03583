package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel set chosen in a fresh JVM: logged once in one line on stderr with the reason for a
 * fallback, and a misspelt {@code backprop4j.kernels} fails the first kernel call naming the property.
 */
class KernelChoiceTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, List<String> errLines) {
    }

    private Run run(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelChoiceMain.class.getName()));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int status = p.waitFor();
        List<String> errLines = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            if (!line.startsWith("WARNING: Using incubator modules")) {
                errLines.add(line);
            }
        }
        return new Run(status, Files.readString(out, StandardCharsets.UTF_8).trim(), errLines);
    }

    @Test
    void theVectorSetIsChosenAndLoggedOnceWhenTheModuleIsPresent() throws Exception {
        Run r = run("--add-modules", "jdk.incubator.vector");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("vector 12.0");
        assertThat(r.errLines()).containsExactly("backprop4j: using the vector kernels");
    }

    @Test
    void aFallbackIsLoggedWithItsReason() throws Exception {
        Run r = run();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("plain 12.0");
        assertThat(r.errLines()).containsExactly("backprop4j: using the plain kernels (fallback: the module"
                + " jdk.incubator.vector is not in the boot layer; start java with --add-modules jdk.incubator.vector)");
        Run forced = run("--add-modules", "jdk.incubator.vector", "-Dbackprop4j.kernels=plain");
        assertThat(forced.out()).isEqualTo("plain 12.0");
        assertThat(forced.errLines()).containsExactly("backprop4j: using the plain kernels (forced by -Dbackprop4j.kernels=plain)");
    }

    @Test
    void aMisspeltKernelSetFailsNamingThePropertyAndTheAllowedValues() throws Exception {
        Run r = run("--add-modules", "jdk.incubator.vector", "-Dbackprop4j.kernels=vectr");
        assertThat(r.status()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(String.join("\n", r.errLines())).contains("IllegalArgumentException: system property"
                + " backprop4j.kernels='vectr' is not allowed; use one of auto, vector, plain");
        Run absent = run("-Dbackprop4j.kernels=vector");
        assertThat(absent.status()).isNotZero();
        assertThat(String.join("\n", absent.errLines())).contains("backprop4j.kernels=vector cannot be honoured");
    }
}
