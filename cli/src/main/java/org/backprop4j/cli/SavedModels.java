package org.backprop4j.cli;

import java.nio.file.Path;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.SavedModel;
import org.backprop4j.train.NonFiniteCheck;

/** Loads the model that evaluate, predict and explain use, refusing one that cannot give meaningful numbers. */
final class SavedModels {
    private SavedModels() {
    }

    /**
     * The model or checkpoint {@code file} given with {@code option}: it must be a readable regular file, a
     * valid model, and hold only finite weights (a NaN weight would give NaN probabilities with exit 0).
     */
    static SavedModel load(String option, Path file) {
        OptionChecks.regularFile(option, file);
        SavedModel saved = ModelFile.load(file);
        String bad = NonFiniteCheck.gradients(saved.model().namedParameters());
        if (bad != null) {
            throw new IllegalArgumentException(option + " " + file + ": the model cannot be used, its " + bad
                    + " (saved from a diverged run?)");
        }
        return saved;
    }
}
