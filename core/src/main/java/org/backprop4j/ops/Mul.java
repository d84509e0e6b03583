package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.element;
import static org.backprop4j.ops.MathText.factor;
import static org.backprop4j.ops.MathText.text;

import org.backprop4j.ndarray.NDArray;

/** Element-wise {@code a · b} with NumPy broadcasting. */
public final class Mul extends Op implements LocalDerivatives {
    private NDArray a;
    private NDArray b;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Mul");
        a = in[0];
        b = in[1];
        return NDArray.zip(a, b, (x, y) -> x * y);
    }

    // d(ab)/da = b, d(ab)/db = a
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{
            needsGrad[0] ? NDArray.zip(g, b, (x, y) -> x * y).sumTo(a.shape()) : null,
            needsGrad[1] ? NDArray.zip(g, a, (x, y) -> x * y).sumTo(b.shape()) : null};
    }

    @Override
    public boolean partials(int at, boolean expand, Partials out) {
        int[] read = BinaryElements.read(a.shape(), b.shape(), at);
        int ai = read[0];
        int bi = read[1];
        MathText note = BinaryElements.note(this);
        out.add(new Partial(0, ai, b.get(bi), "d(uv)/du = v", MathText.of(element(1, bi)), note));
        out.add(new Partial(1, bi, a.get(ai), "d(uv)/dv = u", MathText.of(element(0, ai)), note));
        return true;
    }
}
