package org.backprop4j.train;

import java.util.Arrays;
import org.backprop4j.data.Batch;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * The one evaluation path (validation, test, {@code evaluate} and {@code predict}): eval mode, no
 * graph, batches of {@value #BATCH}; loss, predictions and probabilities from the same forward pass.
 * Each batch runs in a {@link Workspace} step that this object keeps (one for the full batches, one
 * for the shorter last batch, so that neither resizes its arrays), so a second pass over data of the
 * same size, such as the validation after every epoch, makes no large garbage: a convolutional
 * network's activations for 1024 images are hundreds of megabytes.
 */
final class NoGradEvaluation {
    /** Samples per forward pass. */
    static final int BATCH = 1024;

    private final Workspace fullBatches = new Workspace();
    private final Workspace lastBatch = new Workspace();

    /** The evaluation of {@code model} on {@code data}; the loss is PyTorch's mean of {@code loss} over all samples. */
    Evaluation run(Module model, Dataset data, Loss loss) {
        int n = data.size();
        int[] predictions = new int[n];
        double[] probabilities = new double[n * data.numClasses()];
        EvaluationSummary s = pass(model, data, loss, predictions, probabilities);
        int[] labels = data.labels();
        return new Evaluation(s.loss(), Metrics.accuracy(labels, predictions), predictions, labels, probabilities,
                data.numClasses());
    }

    /** The summary of {@code model} on {@code data}: the same pass as {@link #run}, without per-sample arrays. */
    EvaluationSummary summary(Module model, Dataset data, Loss loss) {
        return pass(model, data, loss, null, null);
    }

    /** One pass in batches; fills {@code predictions} and {@code probabilities} when they are not null. */
    private EvaluationSummary pass(Module model, Dataset data, Loss loss, int[] predictions, double[] probabilities) {
        boolean wasTraining = model.isTraining();
        model.eval();
        Loss summed = loss.withReduction(Reduction.SUM);
        int k = data.numClasses();
        long[] confusion = new long[k * k];
        double total = 0;
        double denominator = 0;
        int n = data.size();
        DataLoader rows = new DataLoader(data, BATCH);
        int[] order = rows.epochOrder(); // 0..n-1: the loader does not shuffle
        try (var g = Grad.disabled()) {
            for (int offset = 0; offset < n; offset += BATCH) {
                int end = Math.min(n, offset + BATCH);
                try (Workspace step = (end - offset == BATCH ? fullBatches : lastBatch).begin()) {
                    Batch batch = rows.batch(order, offset, end);
                    Tensor logits = model.forward(batch.x());
                    if (logits.rank() != 2 || logits.dim(1) != k) {
                        throw new IllegalArgumentException("the model gives outputs of shape "
                                + Arrays.toString(logits.shape()) + " but the data has " + k + " classes");
                    }
                    total += summed.apply(logits, batch.y()).item();
                    denominator += loss.meanDenominator(batch.y(), logits.shape());
                    int[] predicted = logits.argmax(1);
                    int[] y = batch.y();
                    for (int i = 0; i < y.length; i++) {
                        confusion[y[i] * k + predicted[i]]++;
                    }
                    if (predictions != null) {
                        System.arraycopy(predicted, 0, predictions, offset, batch.size());
                        double[] p = logits.softmax(1).toDoubleArray(); // a copy, kept after the step
                        System.arraycopy(p, 0, probabilities, offset * k, p.length);
                    }
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new EvaluationSummary(total, denominator, confusion, k);
    }
}
