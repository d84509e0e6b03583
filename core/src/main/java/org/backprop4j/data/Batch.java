package org.backprop4j.data;

import org.backprop4j.tensor.Tensor;

/**
 * One minibatch: float32 features {@code x} of shape [b, D] and the class index of each row in
 * {@code y} (length b). Both are fresh for every batch and may be kept.
 *
 * @param x the features, a float32 tensor [b, D] that does not require gradients
 * @param y the labels, one per row of {@code x}
 */
public record Batch(Tensor x, int[] y) {
    /** The number of samples b in the batch. */
    public int size() {
        return y.length;
    }
}
