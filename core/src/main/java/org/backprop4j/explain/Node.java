package org.backprop4j.explain;

import org.backprop4j.tensor.Tensor;

/**
 * A scalar node: one element (flat row-major index) of a tensor of the graph, or of the softmax
 * probabilities hidden inside a fused cross-entropy ({@link Probabilities}). Tensors compare by identity.
 */
record Node(Object owner, int index) {

    /** The probabilities o of a fused softmax cross-entropy whose output is {@code loss}, shaped like its logits. */
    record Probabilities(Tensor loss) {
    }

    /** The shape of the owner. */
    int[] shape() {
        if (owner instanceof Tensor t) {
            return t.shape();
        }
        return ((Probabilities) owner).loss().inputs().get(0).shape();
    }
}
