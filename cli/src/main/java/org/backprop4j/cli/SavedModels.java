package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.SavedModel;
import org.backprop4j.onnx.OnnxImport;
import org.backprop4j.train.NonFiniteCheck;

/**
 * Loads the model that evaluate, predict, explain, gradcheck and train --init use, by the file's suffix
 * (an ONNX file ends in {@code .onnx}, anything else is a safetensors model or checkpoint), refusing one
 * that cannot give meaningful numbers.
 */
final class SavedModels {
    private SavedModels() {
    }

    /**
     * The model, checkpoint or ONNX file {@code file} given with {@code option}: it must be a readable regular
     * file, a valid model, and hold only finite weights (a NaN weight would give NaN probabilities with exit 0).
     */
    static SavedModel load(String option, Path file) {
        OptionChecks.regularFile(option, file);
        SavedModel saved = isOnnx(file) ? OnnxImport.load(file) : ModelFile.load(file);
        String bad = NonFiniteCheck.gradients(saved.model().namedParameters());
        if (bad != null) {
            throw new IllegalArgumentException(option + " " + file + ": the model cannot be used, its " + bad
                    + " (saved from a diverged run?)");
        }
        return saved;
    }

    /** Whether the file is read as ONNX: its name ends in .onnx (in any case). */
    static boolean isOnnx(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }
}
