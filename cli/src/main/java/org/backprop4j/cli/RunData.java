package org.backprop4j.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.backprop4j.data.ClassNames;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.ImageAugmentation;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.train.EvaluationSet;
import org.backprop4j.train.RemoteTable;
import org.backprop4j.train.StepExecutor;
import org.backprop4j.train.TrainingBackend;

/**
 * The data of a training run, split and scaled: data sets in this process, or a table that the
 * Spark backend keeps in its executors (then this process holds only sizes, names and the scaling).
 */
final class RunData {
    final int trainSize;
    final long validationSize;
    final long testSize;
    final int numFeatures;
    final int numClasses;
    final List<String> classNames;
    final Scaler scaler;
    final EvaluationSet validation;
    final EvaluationSet test;
    private final Dataset train;
    private final RemoteTable table;
    private final Supplier<String> fingerprint;

    private RunData(int trainSize, long validationSize, long testSize, int numFeatures, int numClasses,
                    List<String> classNames, Scaler scaler, EvaluationSet validation, EvaluationSet test, Dataset train,
                    RemoteTable table, Supplier<String> fingerprint) {
        this.trainSize = trainSize;
        this.validationSize = validationSize;
        this.testSize = testSize;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.classNames = classNames;
        this.scaler = scaler;
        this.validation = validation;
        this.test = test;
        this.train = train;
        this.table = table;
        this.fingerprint = fingerprint;
    }

    /**
     * Data sets in this process: {@code trainAll} (before the validation split: its classes name the
     * model's) scaled into {@code train}, {@code validation} (or null) and {@code test}; the fingerprint
     * is that of {@code trainAll} and {@code rawTest}.
     */
    static RunData local(Dataset trainAll, Dataset train, Dataset validation, Dataset test, Dataset rawTest, Scaler scaler) {
        return new RunData(train.size(), validation == null ? 0 : validation.size(), test.size(), train.numFeatures(),
                trainAll.numClasses(), ClassNames.orNumbers(trainAll.classNames(), trainAll.numClasses()), scaler,
                validation == null ? null : EvaluationSet.of(validation), EvaluationSet.of(test), train, null,
                () -> RunIdentity.fingerprint(trainAll, rawTest));
    }

    /** A table prepared by the Spark backend. */
    static RunData remote(RemoteTable t) {
        List<String> names = ClassNames.orNumbers(t.classNames(), t.numClasses());
        EvaluationSet validation = t.validation();
        return new RunData(t.trainSize(), validation == null ? 0 : validation.size(), t.test().size(), t.numFeatures(),
                t.numClasses(), names, Scaler.of(t.scaler()), validation, t.test(), null, t, t::fingerprint);
    }

    /** The fingerprint of the data's content, for --save and --resume (a pass over the data in this process). */
    String fingerprint() {
        return fingerprint.get();
    }

    /**
     * The loader of the training samples: of the data set, or of the indices of the table's training part;
     * {@code augmentation} (or null) transforms the training batches.
     */
    DataLoader loader(int batchSize, Rng rng, ImageAugmentation augmentation) {
        DataLoader.Builder b = train != null ? DataLoader.builder(train) : DataLoader.builder(trainSize);
        return b.batchSize(batchSize).shuffle(rng).augment(augmentation).build();
    }

    /** The step executor of {@code backend} (null: train in this process) for models of {@code architecture}. */
    StepExecutor executor(TrainingBackend backend, Map<String, String> architecture, DType dtype) {
        if (table != null) {
            return table.executor(architecture, dtype);
        }
        return backend == null ? null : backend.executor(architecture, dtype);
    }

    /** Releases the table's rows in the executors. */
    void close() {
        if (table != null) {
            table.close();
        }
    }
}
