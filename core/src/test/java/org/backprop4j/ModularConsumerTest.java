package org.backprop4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny modular program ({@code requires org.backprop4j.core}) compiled and run with
 * {@code --module-path} against core's compiled module: the API packages are exported, the internal
 * one is not, and the kernels work with and without the incubator module.
 */
class ModularConsumerTest {
    private static final String MODULE_INFO = "module consumer { requires org.backprop4j.core; }\n";
    private static final String MAIN = """
            package consumer;

            import org.backprop4j.kernel.Kernels;
            import org.backprop4j.ndarray.DType;
            import org.backprop4j.tensor.Tensor;

            public class Main {
                public static void main(String[] args) {
                    Tensor w = Tensor.of(new double[]{3, 4}, 2).requiresGrad(true);
                    Tensor x = Tensor.of(new double[]{1, 2}, 2);
                    Tensor loss = w.mul(x).sum();
                    loss.backward();
                    // a bundled data set: resources inside the module
                    int rows = org.backprop4j.data.Datasets.iris().size();
                    System.out.println(Kernels.implementation() + " " + loss.item() + " "
                            + java.util.Arrays.toString(w.grad().toDoubleArray()) + " " + rows);
                }
            }
            """;

    @TempDir
    Path dir;
    private Path core;

    @BeforeEach
    void findCore() throws Exception {
        // the directory (target/classes) or jar this test's Tensor class came from: core's module
        core = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(core.resolve("module-info.class")).as("core is compiled as a module").exists();
    }

    private String compile(String mainSource) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("consumer/Main.java"), mainSource);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, "--module-path", core.toString(), "-d",
                dir.resolve("out").toString(), src.resolve("module-info.java").toString(),
                src.resolve("consumer/Main.java").toString());
        String text = messages.toString(StandardCharsets.UTF_8);
        return status == 0 ? null : text;
    }

    private List<String> run(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("--module-path", core + java.io.File.pathSeparator + dir.resolve("out"),
                "-m", "consumer/consumer.Main"));
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int status = p.waitFor();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(status).as(String.join("\n", lines)).isZero();
        return lines;
    }

    @Test
    void aModularProgramUsesTheApiWithAndWithoutTheVectorModule() throws Exception {
        assertThat(compile(MAIN)).isNull();
        assertThat(run("--add-modules", "jdk.incubator.vector")).contains("vector 11.0 [1.0, 2.0] 150")
                .contains("backprop4j: using the vector kernels");
        List<String> plain = run();
        assertThat(plain).contains("plain 11.0 [1.0, 2.0] 150");
        assertThat(String.join("\n", plain)).contains("fallback: the module jdk.incubator.vector is not in the boot layer");
    }

    @Test
    void theInternalPackageIsNotExported() throws Exception {
        String errors = compile(MAIN.replace("System.out.println(", "org.backprop4j.internal.Settings.checkAll();\n"
                + "        System.out.println("));
        assertThat(errors).isNotNull().contains("package org.backprop4j.internal is not visible");
    }
}
