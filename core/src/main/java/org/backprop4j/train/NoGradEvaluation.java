package org.backprop4j.train;

import java.util.Arrays;
import org.backprop4j.data.Batch;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * The one evaluation path (validation, test, {@code evaluate} and {@code predict}): eval mode, no
 * graph, batches of {@value #BATCH}; loss, predictions and probabilities from the same forward pass.
 */
final class NoGradEvaluation {
    /** Samples per forward pass. */
    static final int BATCH = 1024;

    private NoGradEvaluation() {
    }

    /** The evaluation of {@code model} on {@code data}; the loss is PyTorch's mean of {@code loss} over all samples. */
    static Evaluation run(Module model, Dataset data, Loss loss) {
        int n = data.size();
        int[] predictions = new int[n];
        double[] probabilities = new double[n * data.numClasses()];
        EvaluationSummary s = pass(model, data, loss, predictions, probabilities);
        int[] labels = data.labels();
        return new Evaluation(s.loss(), Metrics.accuracy(labels, predictions), predictions, labels, probabilities,
                data.numClasses());
    }

    /** The summary of {@code model} on {@code data}: the same pass as {@link #run}, without per-sample arrays. */
    static EvaluationSummary summary(Module model, Dataset data, Loss loss) {
        return pass(model, data, loss, null, null);
    }

    /** One pass in batches; fills {@code predictions} and {@code probabilities} when they are not null. */
    private static EvaluationSummary pass(Module model, Dataset data, Loss loss, int[] predictions,
                                          double[] probabilities) {
        boolean wasTraining = model.isTraining();
        model.eval();
        Loss summed = loss.withReduction(Reduction.SUM);
        int k = data.numClasses();
        long[] confusion = new long[k * k];
        double total = 0;
        double denominator = 0;
        int offset = 0;
        try (var g = Grad.disabled()) {
            for (Batch batch : new DataLoader(data, BATCH)) {
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
                    double[] p = logits.softmax(1).toDoubleArray();
                    System.arraycopy(p, 0, probabilities, offset * k, p.length);
                }
                offset += batch.size();
            }
        } finally {
            model.train(wasTraining);
        }
        return new EvaluationSummary(total, denominator, confusion, k);
    }
}
