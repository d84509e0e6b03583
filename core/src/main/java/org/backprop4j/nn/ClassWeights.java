package org.backprop4j.nn;

import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/** Validation of the per-class weights that {@link CrossEntropyLoss} and {@link NLLLoss} take. */
final class ClassWeights {
    private ClassWeights() {
    }

    /** The weights of a 1-D tensor [K] as doubles, or an exception naming the shape or the bad weight. */
    static double[] of(Tensor weights) {
        if (weights.rank() != 1) {
            throw new IllegalArgumentException("class weights must be 1-D [K], got " + Shape.str(weights.shape()));
        }
        double[] w = weights.toDoubleArray();
        for (int c = 0; c < w.length; c++) {
            if (!Double.isFinite(w[c])) {
                throw new IllegalArgumentException("class weight " + c + " is " + w[c]);
            }
        }
        return w;
    }
}
