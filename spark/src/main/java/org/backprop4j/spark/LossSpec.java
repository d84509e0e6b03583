package org.backprop4j.spark;

import java.io.Serializable;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Reduction;

/**
 * The serialisable settings of the trainer's cross-entropy. Workers compute the SUM over their
 * share and its denominator (the samples whose label is not ignored); the driver divides the total
 * by the global denominator, which is what MEAN does on the whole batch.
 *
 * @param mean true for MEAN reduction, false for SUM
 * @param labelSmoothing label smoothing ε
 * @param ignoreIndex the ignored label
 */
record LossSpec(boolean mean, double labelSmoothing, int ignoreIndex) implements Serializable {

    /** The settings of {@code loss}; class weights and NONE reduction are refused. */
    static LossSpec of(CrossEntropyLoss loss) {
        if (loss.classWeights() != null) {
            throw new IllegalArgumentException("the Spark trainer does not support class weights in the loss yet");
        }
        if (loss.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException("the training loss must be reduced (MEAN or SUM), not NONE");
        }
        return new LossSpec(loss.reduction() == Reduction.MEAN, loss.labelSmoothing(), loss.ignoreIndex());
    }

    /** The loss with SUM reduction. */
    CrossEntropyLoss summed() {
        return CrossEntropyLoss.builder().reduction(Reduction.SUM).labelSmoothing(labelSmoothing)
                .ignoreIndex(ignoreIndex).build();
    }

    /** The loss as the trainer reduces it. */
    CrossEntropyLoss reduced() {
        return CrossEntropyLoss.builder().reduction(mean ? Reduction.MEAN : Reduction.SUM)
                .labelSmoothing(labelSmoothing).ignoreIndex(ignoreIndex).build();
    }

    /** The number of labels that count (not {@code ignoreIndex}). */
    int counted(int[] labels) {
        int n = 0;
        for (int y : labels) {
            if (y != ignoreIndex) {
                n++;
            }
        }
        return n;
    }
}
