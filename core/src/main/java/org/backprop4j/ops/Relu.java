package org.backprop4j.ops;

import org.backprop4j.kernel.Elementwise;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/** Element-wise rectified linear unit max(0, x); float32 runs on the fused kernels. */
public final class Relu extends Op implements LocalDerivatives {
    private NDArray x;
    private NDArray y;

    @Override
    public NDArray forward(NDArray... inputs) {
        arity(inputs, 1, "Relu");
        x = inputs[0];
        y = NDArray.forOverwrite(x.dtype(), x.shape()); // every element is written below: no zero-filling pass
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
        NDArray gx = NDArray.forOverwrite(g.dtype(), g.shape()); // every element is written below
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

    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        out.add(partial(0, a, x.get(a)));
        return true;
    }

    @Override
    public Role role() {
        return Role.ACTIVATION;
    }

    /** {@code relu'(a)} at the pre-activation value {@code pre}, as the partial with respect to element {@code element} of input {@code input}. */
    static Partial partial(int input, int element, double pre) {
        boolean on = pre > 0; // relu'(a) = 1 for a > 0, else 0 (0 at a = 0, as in PyTorch)
        return new Partial(input, element, on ? 1 : 0, on ? "relu'(a) = 1" : "relu'(a) = 0", MathText.EMPTY,
                MathText.of(MathText.text("relu, a = "), MathText.number(pre),
                        MathText.text(on ? " > 0" : " <= 0: this path carries nothing")));
    }
}
