package org.backprop4j.train;

import java.io.Serializable;

/**
 * The additive figures of evaluating a model on labelled samples, without the per-sample arrays of an
 * {@link Evaluation}: the loss sum and its mean denominator, and the confusion counts. The summaries
 * of the parts of a data set (such as a table's partitions) merge into the whole set's.
 *
 * @param lossSum the summed loss (weighted as the loss weighs)
 * @param denominator the loss's mean denominator summed over the samples
 * @param confusion the counts of (true class, predicted class), row-major [K, K]
 * @param numClasses K
 */
public record EvaluationSummary(double lossSum, double denominator, long[] confusion, int numClasses)
        implements Serializable {

    /** Checks the size of the confusion counts. */
    public EvaluationSummary {
        if (numClasses < 1 || confusion.length != (long) numClasses * numClasses) {
            throw new IllegalArgumentException(confusion.length + " confusion counts for " + numClasses + " classes");
        }
    }

    /** The summary of no samples. */
    public static EvaluationSummary empty(int numClasses) {
        return new EvaluationSummary(0, 0, new long[numClasses * numClasses], numClasses);
    }

    /** The summary of this part and {@code other} together. */
    public EvaluationSummary merge(EvaluationSummary other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException("cannot merge summaries of " + numClasses + " and " + other.numClasses
                    + " classes");
        }
        long[] c = confusion.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += other.confusion[i];
        }
        return new EvaluationSummary(lossSum + other.lossSum, denominator + other.denominator, c, numClasses);
    }

    /** The mean loss, PyTorch's mean over all samples (0 without samples). */
    public double loss() {
        return denominator > 0 ? lossSum / denominator : 0;
    }

    /** The number of samples. */
    public long samples() {
        long n = 0;
        for (long v : confusion) {
            n += v;
        }
        return n;
    }

    /** The number of samples classified correctly. */
    public long correct() {
        long n = 0;
        for (int k = 0; k < numClasses; k++) {
            n += confusion[k * numClasses + k];
        }
        return n;
    }

    /** The fraction classified correctly (NaN without samples, as {@link Metrics#accuracy}). */
    public double accuracy() {
        long n = samples();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    /** The confusion matrix, rows true class, columns predicted class. */
    public int[][] confusionMatrix() {
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < numClasses; i++) {
            for (int j = 0; j < numClasses; j++) {
                m[i][j] = Math.toIntExact(confusion[i * numClasses + j]);
            }
        }
        return m;
    }
}
