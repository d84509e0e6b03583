package org.backprop4j.nn;

import java.io.Serializable;
import org.backprop4j.tensor.Tensor;

/**
 * A loss of a classifier's outputs against class labels: what a {@code Trainer} trains and evaluates
 * with. An implementation keeps all its settings (class weights, label smoothing, ignored label) so
 * that training and evaluation use the very same loss, and is {@link Serializable} so that a
 * distributed trainer can ship it to its workers.
 *
 * <p>The mean follows PyTorch: {@code MEAN = SUM / meanDenominator}, where the denominator is the
 * sum of the weights of the counted targets ({@link #meanDenominator}). A data set's mean loss is
 * therefore {@code sum over batches of SUM / sum over batches of meanDenominator}.
 */
public interface Loss extends Serializable {

    /** The loss of outputs [N, K] against one class index per row, reduced as {@link #reduction()} says. */
    Tensor apply(Tensor output, int[] labels);

    /** The reduction of {@link #apply}. */
    Reduction reduction();

    /** This loss with another reduction, all other settings equal. */
    Loss withReduction(Reduction reduction);

    /**
     * What {@link Reduction#MEAN} divides the summed loss by for these labels and outputs of shape
     * {@code outputShape}: the total weight of the counted targets.
     */
    double meanDenominator(int[] labels, int[] outputShape);

    /** The weighted sum behind a reduced loss value {@code value} of a batch whose denominator is {@code denominator}. */
    default double sumOf(double value, double denominator) {
        return reduction() == Reduction.MEAN ? value * denominator : value;
    }
}
