package org.backprop4j.nn;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/** Class labels as the targets of the element-wise losses ({@link BCEWithLogitsLoss}, {@link MSELoss}). */
final class ClassTargets {
    private ClassTargets() {
    }

    /** One-hot rows [N, K] of {@code labels} in the outputs' dtype; a label outside 0..K-1 is refused. */
    static Tensor oneHot(int[] labels, Tensor output) {
        if (output.rank() != 2 || output.dim(0) != labels.length) {
            throw new IllegalArgumentException("outputs " + java.util.Arrays.toString(output.shape())
                    + " must be [N, K] with N = " + labels.length + " labels");
        }
        int k = output.dim(1);
        double[] t = new double[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is not a class in 0.." + (k - 1));
            }
            t[i * k + labels[i]] = 1;
        }
        NDArray a = NDArray.wrap(t, labels.length, k);
        return Tensor.wrap(output.dtype() == DType.FLOAT64 ? a : a.astype(output.dtype()));
    }

    /** The number of elements of a shape: what the element-wise losses' mean divides by. */
    static double elements(int[] shape) {
        double n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The total weight of the labels that count: {@code sum of w[y]} over labels other than {@code ignoreIndex} (w = 1 without weights). */
    static double weightOfCounted(int[] labels, double[] classWeights, int ignoreIndex) {
        double sum = 0;
        for (int y : labels) {
            if (y == ignoreIndex) {
                continue;
            }
            if (classWeights != null && (y < 0 || y >= classWeights.length)) {
                throw new IllegalArgumentException("label " + y + " has no class weight (there are " + classWeights.length + ")");
            }
            sum += classWeights == null ? 1 : classWeights[y];
        }
        return sum;
    }
}
