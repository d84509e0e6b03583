package org.backprop4j.ops;

import java.util.Arrays;
import org.backprop4j.kernel.Elementwise;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** Element-wise {@code a + b} with NumPy broadcasting; float32 same-shape and row-bias cases run on the kernels. */
public final class Add extends Op implements LocalDerivatives {
    private int[] aShape;
    private int[] bShape;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Add");
        aShape = in[0].shape();
        bShape = in[1].shape();
        NDArray a = in[0];
        NDArray b = in[1];
        if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32) {
            if (Arrays.equals(aShape, bShape)) {
                NDArray out = a.zerosLike();
                Elementwise.add(a.floatData(), 0, b.floatData(), 0, out.floatData(), 0, a.size());
                return out;
            }
            if (aShape.length == 2 && bShape.length == 1 && bShape[0] == aShape[1]) {
                NDArray out = a.zerosLike();
                Elementwise.addBias(a.floatData(), 0, b.floatData(), 0, out.floatData(), 0, aShape[0], aShape[1]);
                return out;
            }
        }
        return NDArray.zip(a, b, Double::sum);
    }

    // d(a+b)/da = 1, d(a+b)/db = 1; broadcast dimensions are summed back
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{needsGrad[0] ? g.sumTo(aShape) : null, needsGrad[1] ? g.sumTo(bShape) : null};
    }

    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int[] read = BinaryElements.read(aShape, bShape, a);
        MathText note = BinaryElements.note(this);
        out.add(new Partial(0, read[0], 1, "1", MathText.EMPTY, note));
        out.add(new Partial(1, read[1], 1, "1", MathText.EMPTY, note));
        return true;
    }

    @Override
    public Role role() {
        return Role.ADDITION;
    }
}
