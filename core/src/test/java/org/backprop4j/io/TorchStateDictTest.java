package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.LayerList;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our model files are PyTorch state dicts: the names and shapes of a CNN with every kind of layer
 * equal those torch gives the same {@code nn.Sequential} (recorded by
 * {@code src/test/python/torch_load_state_dict.py names} in {@code torch/cnn-state-dict.txt}); and,
 * when Debian's {@code /usr/bin/python3} has torch, the script loads our file with
 * {@code load_state_dict(strict=True)} and computes our outputs.
 */
class TorchStateDictTest {
    /** Every layer kind of the layer language, images 1x12x12 to 10 classes. */
    static final String SPEC = "conv2d(6,3,padding=1) batchnorm2d relu maxpool2d(2) "
            + "conv2d(8,3,stride=2,padding=1,groups=2,bias=false) leakyrelu(0.1) avgpool2d(2,stride=1) adaptiveavgpool2d(1) "
            + "flatten batchnorm1d linear(16) gelu linear(12) tanh dropout(0.2) linear(11) sigmoid linear";
    private static final int[] SHAPE = {1, 12, 12};
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/torch_load_state_dict.py");

    @TempDir
    Path dir;

    /** The network with batch-norm statistics moved away from their initial 0 and 1 by a few training-mode passes. */
    private static Sequential trainedLooking() {
        Rng rng = new Rng(3);
        Sequential net = LayerList.build(SPEC, SHAPE, 10, rng, DType.FLOAT32);
        net.train();
        for (int i = 0; i < 3; i++) {
            net.forward(Tensor.uniform(rng, DType.FLOAT32, -1, 2, 16, 144));
        }
        return net;
    }

    @Test
    void namesAndShapesEqualTorchs() throws IOException {
        List<String> torch = new ArrayList<>();
        try (InputStream in = TorchStateDictTest.class.getResourceAsStream("torch/cnn-state-dict.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n")) {
                String[] f = line.split(" ");
                torch.add(f[0] + " [" + (f.length > 2 ? f[2] : "") + "]");
            }
        }
        List<String> ours = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : trainedLooking().stateDict().entrySet()) {
            StringBuilder dims = new StringBuilder();
            for (int d : e.getValue().shape()) {
                dims.append(dims.length() > 0 ? "," : "").append(d);
            }
            ours.add(e.getKey() + " [" + dims + "]");
        }
        assertThat(ours).containsExactlyElementsOf(torch);
    }

    @Test
    void torchLoadsOurFileStrictlyAndComputesOurOutputs() throws Exception {
        assumeTrue(torchAvailable(), "skipped: " + PYTHON + " cannot import torch (Debian's python3-torch is not installed)");
        Sequential net = trainedLooking();
        Path model = dir.resolve("cnn.safetensors");
        ModelFile.save(model, net, null, null);
        net.eval();
        Rng rng = new Rng(11);
        Tensor x = Tensor.uniform(rng, DType.FLOAT32, 0, 1, 5, 144);
        Tensor y = net.forward(x);
        Path inputs = write(dir.resolve("x.f32"), x.data());
        Path outputs = write(dir.resolve("y.f32"), y.data());

        Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), "check", model.toString(), inputs.toString(),
                outputs.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the script finishes").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("strict load_state_dict: ok; 5 rows");
    }

    private static boolean torchAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** The float32 values of {@code a}, little-endian. */
    private static Path write(Path file, NDArray a) throws IOException {
        float[] v = a.toFloatArray();
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Files.write(file, b.array());
    }
}
