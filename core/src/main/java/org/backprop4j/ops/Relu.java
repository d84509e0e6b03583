package org.backprop4j.ops;

import org.backprop4j.kernel.Elementwise;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/** Element-wise rectified linear unit max(0, x); float32 runs on the fused kernels. */
public final class Relu extends Op {
    private NDArray y;

    @Override
    public NDArray forward(NDArray... inputs) {
        arity(inputs, 1, "Relu");
        NDArray x = inputs[0];
        y = x.zerosLike();
        int n = x.size();
        if (x.dtype() == DType.FLOAT32) {
            float[] xf = x.floatData();
            // max(0, x) is "keep x where x > 0": the ReLU mask kernel applied to x itself
            Elementwise.reluBackward(xf, 0, xf, 0, y.floatData(), 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                double v = x.get(i);
                y.set(i, v > 0 ? v : 0.0);
            }
        }
        return y;
    }

    // d relu(x)/dx = 1 for x > 0, else 0 (0 at x = 0, as in PyTorch); y > 0 exactly when x > 0
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = g.zerosLike();
        int n = g.size();
        if (g.dtype() == DType.FLOAT32) {
            Elementwise.reluBackward(g.floatData(), 0, y.floatData(), 0, gx.floatData(), 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                gx.set(i, y.get(i) > 0 ? g.get(i) : 0.0);
            }
        }
        return new NDArray[]{gx};
    }
}
