package org.backprop4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Split;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Evaluation;
import org.backprop4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backprop4j train}: trains an MLP classifier on a data set and prints its test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an MLP classifier with softmax cross-entropy and print the test accuracy.",
        footer = {"", "Examples:",
            "  backprop4j train                                  # digits, defaults",
            "  backprop4j train --dataset iris --hidden 16 --epochs 100",
            "  backprop4j train --hidden 256,128 --optimizer sgd --lr 0.05 --momentum 0.9"})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "digits", description = "Bundled data set: digits or iris (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--hidden", split = ",", defaultValue = "128", description = "Hidden layer sizes, comma separated (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--activation", defaultValue = "relu", description = "Hidden activation: " + Mlp.ACTIVATIONS + " (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout probability after each hidden layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: 0.1 for sgd, 0.001 for adam and adamw).")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}; adamw uses 0.01 when 0 is not given explicitly).")
    Double weightDecay;

    @Option(names = "--threads", description = "Kernel threads (default: available processors).")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "32", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "30", description = "Number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--test-split", defaultValue = "0.2", description = "Held-out test fraction, stratified (default: ${DEFAULT-VALUE}).")
    double testSplit;

    @Option(names = "--val-split", defaultValue = "0.1", description = "Validation fraction of the training part, stratified (default: ${DEFAULT-VALUE}).")
    double valSplit;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed for splits, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (threads != null) {
            org.backprop4j.kernel.Kernels.setThreads(threads);
        }
        Dataset all = load(dataset);
        Split outer = Split.stratifiedSplit(all, testSplit, seed);
        Split inner = Split.stratifiedSplit(outer.train(), valSplit, seed + 1);
        Standardizer scaler = Standardizer.fit(inner.train());
        Dataset train = scaler.transform(inner.train());
        Dataset validation = scaler.transform(inner.test());
        Dataset test = scaler.transform(outer.test());

        Rng rng = new Rng(seed);
        Sequential model = Mlp.of(all.numFeatures(), hidden, all.numClasses(), activation, dropout, rng, DType.FLOAT32);
        Optimizer opt = optimizer(model);
        System.out.printf(Locale.ROOT, "%s: %d train, %d validation, %d test samples, %d features, %d classes%n",
                dataset, train.size(), validation.size(), test.size(), all.numFeatures(), all.numClasses());
        System.out.println(model);
        Trainer trainer = Trainer.builder(model, opt).epochs(epochs).listener(new EpochPrinter(System.out)).build();
        DataLoader loader = DataLoader.builder(train).batchSize(batchSize).shuffle(rng).build();
        List<EpochResult> history = trainer.fit(loader, validation);
        Evaluation result = trainer.evaluate(test);
        double seconds = history.stream().mapToDouble(EpochResult::seconds).sum();
        System.out.printf(Locale.ROOT, "training time %.1f s%n", seconds);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f (test loss %.4f, %d samples)%n", result.accuracy(), result.loss(),
                test.size());
        return 0;
    }

    private static Dataset load(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "digits":
                return Datasets.digits();
            case "iris":
                return Datasets.iris();
            default:
                throw new IllegalArgumentException("unknown data set '" + name + "'; bundled: digits, iris");
        }
    }

    private Optimizer optimizer(Sequential model) {
        switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "sgd":
                return SGD.builder(model.parameters()).lr(lr == null ? 0.1 : lr).momentum(momentum)
                        .weightDecay(weightDecay).build();
            case "adam":
                return Adam.builder(model.parameters()).lr(lr == null ? 1e-3 : lr).weightDecay(weightDecay).build();
            case "adamw":
                return AdamW.builder(model.parameters()).lr(lr == null ? 1e-3 : lr).weightDecay(weightDecay).build();
            default:
                throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; choose sgd, adam or adamw");
        }
    }
}
