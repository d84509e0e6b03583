package org.backprop4j.spark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backprop4j.data.DataLoader;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.EvaluationSummary;
import org.backprop4j.train.RemoteTable;
import org.backprop4j.train.TableSplit;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingPosition;

/**
 * What {@code train --spark local[2] --spark-input TABLE --standardize} does, as a program that
 * {@link BigTableTest} runs in a JVM of its own with a small heap: reads the table with the Spark
 * backend, trains an MLP (hidden 16, Adam with {@link #LR}) and prints each epoch, the test figures and the heap's size.
 * Arguments: the table, the label column, the epochs and the batch size.
 */
public final class TableTraining {
    /** The learning rate of Adam. */
    static final double LR = 0.01;

    private TableTraining() {
    }

    /** Runs the training and prints its figures. */
    public static void main(String[] args) {
        SparkBackend backend = new SparkBackend();
        backend.start(Map.of("master", "local[2]", "seed", "42"));
        try (RemoteTable table = backend.readTable(args[0], args[1], new TableSplit(0.2, 0.1, 0, "standardize", 42))) {
            for (String line : run(table, Integer.parseInt(args[2]), Integer.parseInt(args[3]))) {
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "heap %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            backend.close();
        }
    }

    /** Trains on {@code table}: one line per epoch, then the test line. */
    static List<String> run(RemoteTable table, int epochs, int batch) {
        Rng rng = new Rng(42);
        ModelSpec spec = new ModelSpec(table.numFeatures(), new int[]{16}, table.numClasses(), "relu", 0);
        Sequential model = spec.build(rng, DType.FLOAT32);
        Trainer trainer = Trainer.builder(model, Adam.builder(model.parameters()).lr(LR).build()).epochs(epochs)
                .executor(table.executor(spec.toMetadata(), DType.FLOAT32)).build();
        DataLoader loader = DataLoader.builder(table.trainSize()).batchSize(batch).shuffle(rng).build();
        List<EpochResult> history = trainer.fit(loader, table.validation(), TrainingPosition.startOf(1));
        EvaluationSummary test = table.test().evaluate(model, trainer.loss());
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        for (EpochResult r : history) {
            lines.add(String.format(Locale.ROOT, "epoch %d loss %.6f acc %.6f val_loss %.6f val_acc %.6f", r.epoch(),
                    r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy()));
        }
        lines.add(String.format(Locale.ROOT, "test %d samples accuracy %.6f loss %.6f", test.samples(), test.accuracy(),
                test.loss()));
        return lines;
    }
}
