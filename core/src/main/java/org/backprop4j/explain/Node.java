package org.backprop4j.explain;

import org.backprop4j.tensor.Tensor;

/**
 * A scalar node: one element (flat row-major index) of a tensor of the graph, of the softmax
 * probabilities hidden inside a fused cross-entropy ({@link Probabilities}), or of the
 * pre-activation hidden inside a fused Linear+ReLU ({@link PreActivation}). Tensors compare by identity.
 */
record Node(Object owner, int index) {

    /** The probabilities o of a fused softmax cross-entropy whose output is {@code loss}, shaped like its logits. */
    record Probabilities(Tensor loss) {
    }

    /** The pre-activation {@code a = x W^T + b} of a fused Linear+ReLU whose output is {@code layer}. */
    record PreActivation(Tensor layer) {
    }

    /** The shape of the owner. */
    int[] shape() {
        if (owner instanceof Tensor t) {
            return t.shape();
        }
        if (owner instanceof PreActivation p) {
            return p.layer().shape();
        }
        return ((Probabilities) owner).loss().inputs().get(0).shape();
    }
}
