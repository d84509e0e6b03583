package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.element;
import static org.backprop4j.ops.MathText.factor;
import static org.backprop4j.ops.MathText.text;

import org.backprop4j.ndarray.NDArray;

/** Element-wise {@code a / b} with NumPy broadcasting. */
public final class Div extends Op implements LocalDerivatives {
    private NDArray a;
    private NDArray b;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "Div");
        a = in[0];
        b = in[1];
        return NDArray.zip(a, b, (x, y) -> x / y);
    }

    // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray ga = needsGrad[0] ? NDArray.zip(g, b, (x, y) -> x / y).sumTo(a.shape()) : null;
        NDArray gb = null;
        if (needsGrad[1]) {
            NDArray ratio = NDArray.zip(a, b, (x, y) -> -x / (y * y));
            gb = NDArray.zip(g, ratio, (x, y) -> x * y).sumTo(b.shape());
        }
        return new NDArray[]{ga, gb};
    }

    @Override
    public boolean partials(int at, boolean expand, Partials out) {
        int[] read = BinaryElements.read(a.shape(), b.shape(), at);
        int ai = read[0];
        int bi = read[1];
        double u = a.get(ai);
        double v = b.get(bi);
        MathText note = BinaryElements.note(this);
        out.add(new Partial(0, ai, 1 / v, "d(u/v)/du = 1/v", MathText.of(text("1/"), factor(v)), note));
        out.add(new Partial(1, bi, -u / (v * v), "d(u/v)/dv = -u/v^2",
                MathText.of(text("-"), factor(u), text("/"), factor(v), text("^2")), note));
        return true;
    }
}
