package org.backprop4j.train;

/** Loss, accuracy and predictions of a model on a data set. */
public record Evaluation(double loss, double accuracy, int[] predictions, int[] labels, double[] probabilities,
                         int numClasses) {
    /** The confusion matrix, rows true class, columns predicted class. */
    public int[][] confusionMatrix() {
        return Metrics.confusionMatrix(labels, predictions, numClasses);
    }
}
