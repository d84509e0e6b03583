package org.backprop4j.cli;

import java.util.List;
import org.backprop4j.data.ClassNames;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Split;
import org.backprop4j.io.SavedModel;

/** The data a saved model is evaluated on or predicts for, read as its training data was. */
final class ModelData {
    private ModelData() {
    }

    /**
     * The evaluation data: a whole --csv file (labels mapped with the model's classes), or the test
     * part of a --dataset (its own test set, or the stratified --test-split drawn with {@code seed}).
     * Throws, naming {@code modelFile}, when the data does not fit the model's input or output size.
     */
    static Dataset load(DataOptions data, SavedModel model, java.nio.file.Path modelFile, long seed) {
        Dataset d;
        if (data.preset() == Preset.CSV) {
            if (data.testCsv != null) {
                throw new IllegalArgumentException("--test-csv is for train; give the file to evaluate with --csv");
            }
            d = data.readCsvLike(data.csv, model.classNames(), model.spec().outputs());
        } else {
            Split s = data.load(seed);
            d = s.test();
        }
        if (d.numFeatures() != model.spec().inputs()) {
            throw new IllegalArgumentException(modelFile + ": the model takes " + model.spec().inputs()
                    + " features (first layer [" + model.spec().inputs() + " -> ...]) but " + data.name() + " has "
                    + d.numFeatures());
        }
        if (d.numClasses() != model.spec().outputs()) {
            throw new IllegalArgumentException(modelFile + ": the model has " + model.spec().outputs() + " outputs but "
                    + data.name() + " has " + d.numClasses() + " classes");
        }
        return model.scaling().transform(d);
    }

    /** The model's class names, or "0".."K-1" when it has none. */
    static List<String> classNames(SavedModel model) {
        return ClassNames.orNumbers(model.classNames(), model.spec().outputs());
    }
}
