package org.backprop4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backprop4j.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exported test model passes {@code onnx.checker.check_model(model, full_check=True)} (which also
 * runs ONNX's shape inference), run by Debian's python3-onnx through /usr/bin/python3; skipped where
 * that is not installed.
 */
class OnnxCheckerTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void everyExportedModelPassesTheFullCheck() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(List.of("-c", "import onnx")).exitCode == 0,
                "needs /usr/bin/python3 with the onnx package (Debian: python3-onnx)");
        List<String> args = new ArrayList<>(List.of("-c", String.join("\n",
                "import sys, onnx",
                "for p in sys.argv[1:]:",
                "    onnx.checker.check_model(onnx.load(p), full_check=True)",
                "    print('ok', p)")));
        for (Map.Entry<String, SavedModel> e : TestModels.all().entrySet()) {
            Path file = dir.resolve(e.getKey() + ".onnx");
            OnnxExport.save(file, e.getValue());
            args.add(file.toString());
        }
        Result r = run(args);
        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output.lines().filter(l -> l.startsWith("ok ")).count()).isEqualTo(TestModels.all().size());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python timed out: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
