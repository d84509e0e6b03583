package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backprop4j.io.SavedModel;
import org.backprop4j.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backprop4j export}: writes a saved model as ONNX, for ONNX Runtime and the other ONNX tools. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a saved model (or checkpoint, or ONNX file) as an ONNX model (opset "
                + OnnxExport.OPSET + ") that ONNX Runtime runs.",
            "The graph takes the raw rows predict takes (the saved scaling is inside it) as 'input' [N, F], or "
                + "[N, C, H, W] for a model of images, with a dynamic batch N; its outputs are 'logits' and "
                + "'probabilities'; the class names are under 'class_names' in its metadata. Batch norm is exported as "
                + "BatchNormalization (not folded) and Dropout is left out."},
        footer = {"", "Examples:",
            "  backprop4j export --model iris.safetensors --out iris.onnx",
            "  python3 -c \"import onnxruntime as ort; s = ort.InferenceSession('iris.onnx'); "
                + "print(s.run(['probabilities'], {'input': [[5.1, 3.5, 1.4, 0.2]]}))\""})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The model or checkpoint file (safetensors), or an ONNX file (.onnx).")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "Where to write the ONNX model (- for standard output).")
    Path out;

    @Override
    public Integer call() {
        OptionChecks.writable("--out", out, true);
        new PathClash().input("--model", modelFile).output("--out", out).check();
        SavedModel saved = SavedModels.load("--model", modelFile);
        var proto = OnnxExport.toProto(saved);
        Output.write(out, proto::writeTo);
        if (!Output.isStdout(out)) {
            System.out.println("wrote " + out + ": " + saved.spec() + " as ONNX (opset " + OnnxExport.OPSET
                    + ", input 'input', outputs 'logits' and 'probabilities')");
        }
        return 0;
    }
}
