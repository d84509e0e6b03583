package org.backprop4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.backprop4j.data.Dataset;
import org.backprop4j.io.SavedModel;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.train.Evaluation;
import org.backprop4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j predict}: class probabilities and predicted labels of a saved model, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a saved model (or checkpoint) and write a CSV: a header, one probability column "
                + "per class in class-index order, then the predicted label.",
            "The scaler saved with the model is applied first. A --csv may have the label column or not "
                + "(then it has exactly the model's feature columns)."},
        footer = {"", "Examples:",
            "  backprop4j predict --model model.safetensors --dataset fashion-mnist --out predictions.csv",
            "  backprop4j predict --model iris.safetensors --csv new-flowers.csv --out predictions.csv"})
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelDataOptions input = new ModelDataOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The CSV file to write; - for standard output.")
    Path out;

    @Override
    public Integer call() {
        DataOptions data = input.data;
        data.validate();
        OptionChecks.writable("--out", out, true);
        new PathClash().input("--model", input.modelFile).input("--csv", data.csv).input("--test-csv", data.testCsv)
                .output("--out", out).check();
        SavedModel saved = input.loadModel();
        Dataset d = data.preset() == Preset.CSV && data.label == null ? UnlabelledCsv.readIfUnlabelled(data.csv, saved) : null;
        if (d == null) {
            d = input.loadData(saved);
        } else {
            d = saved.scaling().transform(d);
        }
        Evaluation e = Trainer.evaluate(saved.model(), d, new CrossEntropyLoss());
        List<String> names = ModelData.classNames(saved);
        String csv = PredictionCsv.format(e.probabilities(), e.predictions(), names);
        Output.write(out, o -> o.write(csv.getBytes(StandardCharsets.UTF_8)));
        boolean toStdout = Output.isStdout(out); // then the note goes to stderr, away from the CSV
        (toStdout ? System.err : System.out).println(d.size() + " predictions written to " + (toStdout ? "standard output" : out));
        return 0;
    }
}
