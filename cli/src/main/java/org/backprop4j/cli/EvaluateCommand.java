package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backprop4j.data.Dataset;
import org.backprop4j.io.SavedModel;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.train.Evaluation;
import org.backprop4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j evaluate}: accuracy, log-loss, per-class precision/recall/F1 and confusion matrix of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a saved model (or checkpoint): accuracy, log-loss, per-class precision, recall and F1, "
                + "and the confusion matrix.",
            "With --dataset it uses the data set's test part (fashion-mnist/mnist: the official test set; digits/iris: "
                + "the --test-split held out with --seed, as train does); with --csv the whole file."},
        footer = {"", "Examples:",
            "  backprop4j evaluate --model model.safetensors --dataset fashion-mnist --plot confusion.png",
            "  backprop4j evaluate --model iris.safetensors --csv iris-test.csv --label species"})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelDataOptions input = new ModelDataOptions();

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the confusion matrix as a heat map.")
    Path plot;

    @Override
    public Integer call() {
        DataOptions data = input.data;
        data.validate();
        OptionChecks.writable("--plot", plot, false);
        new PathClash().input("--model", input.modelFile).input("--csv", data.csv).output("--plot", plot).check();
        SavedModel saved = input.loadModel();
        Dataset d = input.loadData(saved);
        Evaluation e = Trainer.evaluate(saved.model(), d, new CrossEntropyLoss());
        System.out.println("model " + input.modelFile + ": " + saved.spec() + ", " + d.size() + " samples of " + data.name());
        ClassificationReport.print(e, ModelData.classNames(saved), System.out);
        if (plot != null) {
            Output.write(plot, out -> ConfusionHeatMap.write(e.confusionMatrix(), ModelData.classNames(saved),
                    data.name() + ": confusion matrix", out));
            System.out.println("confusion matrix drawn to " + plot);
        }
        return 0;
    }
}
