package org.backprop4j.cli;

import java.nio.file.Path;
import org.backprop4j.data.Dataset;
import org.backprop4j.io.SavedModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of evaluate and predict: the saved model, the data to run it on, and the seed of a held-out split. */
final class ModelDataOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model or checkpoint file (safetensors), or an ONNX file (.onnx).")
    Path modelFile;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the test split of digits and iris, as in train (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The model of --model; throws naming the option when it cannot be read. */
    SavedModel loadModel() {
        return SavedModels.load("--model", modelFile);
    }

    /** The data to run {@code saved} on, read and scaled as its training data was ({@link ModelData#load}). */
    Dataset loadData(SavedModel saved) {
        return ModelData.load(data, saved, modelFile, seed);
    }
}
