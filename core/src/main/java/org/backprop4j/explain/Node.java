package org.backprop4j.explain;

import org.backprop4j.tensor.Tensor;

/**
 * A scalar node: one element (flat row-major index) of a tensor of the graph, or of the
 * intermediate value hidden inside a fused op ({@link Inner}: the softmax probabilities of a fused
 * cross-entropy, the pre-activation of a fused Linear+ReLU). Tensors compare by identity.
 */
record Node(Object owner, int index) {

    /** The intermediate value inside the fused op whose output is {@code of}. */
    record Inner(Tensor of) {
    }

    /** The shape of the owner. */
    int[] shape() {
        if (owner instanceof Inner in) {
            return LocalRules.derivatives(in.of()).innerShape();
        }
        return ((Tensor) owner).shape();
    }
}
