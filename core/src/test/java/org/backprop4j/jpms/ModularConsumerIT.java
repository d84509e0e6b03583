package org.backprop4j.jpms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that is itself a named module ({@code requires org.backprop4j.core}) compiles against the
 * packaged core jar on the module path and runs there: autograd, the bundled data (a resource inside the
 * core module) and the kernels, once with the Vector API module and once without it.
 */
class ModularConsumerIT {

    private static final String MODULE_INFO = """
            module consumer {
                requires org.backprop4j.core;
            }
            """;

    // d(sum(x*x))/dx = 2x, so the printed gradient of x = [1, -2, 3] must be [2, -4, 6].
    private static final String MAIN = """
            package consumer;

            import java.util.Arrays;
            import org.backprop4j.data.Datasets;
            import org.backprop4j.kernel.Kernels;
            import org.backprop4j.tensor.Tensor;

            public class Main {
                public static void main(String[] args) {
                    Tensor x = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad();
                    x.mul(x).sum().backward();
                    System.out.println("grad " + Arrays.toString(x.grad().toDoubleArray()));
                    System.out.println("iris rows " + Datasets.iris().size());
                    System.out.println("kernels " + Kernels.implementation());
                    System.out.println("module " + Tensor.class.getModule().getName());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void namedModuleCompilesAndRunsAgainstTheCoreJar() throws Exception {
        Path coreJar = Path.of(System.getProperty("backprop4j.coreJar", "missing: run through failsafe"));
        assertThat(coreJar).as("the packaged core jar").isRegularFile();
        Path out = compileConsumer(coreJar);

        String withVector = run(coreJar, out, true);
        assertThat(withVector).contains("grad [2.0, -4.0, 6.0]", "iris rows 150", "kernels vector",
                "module org.backprop4j.core");

        String plain = run(coreJar, out, false);
        assertThat(plain).contains("grad [2.0, -4.0, 6.0]", "iris rows 150", "kernels plain");
    }

    private Path compileConsumer(Path coreJar) throws IOException {
        Path src = dir.resolve("src/consumer");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("consumer/Main.java"), MAIN);
        Path out = dir.resolve("out");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("--module-path", coreJar.toString(), "-d", out.toString()),
                null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(
                        src.resolve("module-info.java"), src.resolve("consumer/Main.java")))
                .call();
        assertThat(ok).as("javac --module-path: %s", diagnostics).isTrue();
        return out;
    }

    private String run(Path coreJar, Path out, boolean vectorModule) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        if (vectorModule) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("--module-path", coreJar + File.pathSeparator + out, "-m", "consumer/consumer.Main"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("java -m consumer: %s", output).isZero();
        return output;
    }
}
