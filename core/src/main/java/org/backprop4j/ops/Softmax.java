package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.number;
import static org.backprop4j.ops.MathText.text;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/** Softmax along one dimension, {@code o_j = e^{z_j - m} / sum_k e^{z_k - m}} with m the maximum (stable). */
public final class Softmax extends Op implements LocalDerivatives {
    private final int dim;
    private NDArray y;
    private int outer;
    private int len;
    private int inner;

    /** Softmax along dimension {@code dim}. */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "Softmax");
        NDArray x = in[0];
        int[] s = x.shape();
        int axis = Shape.axis(dim, s);
        outer = Shape.outer(s, axis);
        len = s[axis];
        inner = Shape.inner(s, axis);
        y = x.zerosLike();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double m = max(x, base, len, inner);
                double sum = sumExp(x, base, len, inner, m);
                for (int j = 0; j < len; j++) {
                    y.set(base + j * inner, Math.exp(x.get(base + j * inner) - m) / sum);
                }
            }
        }
        return y;
    }

    /** The largest of the {@code len} elements {@code x[base + j * inner]}, the shift that keeps e^x finite. */
    static double max(NDArray x, int base, int len, int inner) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            m = Math.max(m, x.get(base + j * inner));
        }
        return m;
    }

    /** {@code sum_j e^{x[base + j * inner] - m}}. */
    static double sumExp(NDArray x, int base, int len, int inner, double m) {
        double sum = 0;
        for (int j = 0; j < len; j++) {
            sum += Math.exp(x.get(base + j * inner) - m);
        }
        return sum;
    }

    // do_j/dz_k = o_j (delta_jk - o_k)  =>  dz_k = o_k (g_k - sum_j g_j o_j)
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = y.zerosLike();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double dot = 0;
                for (int j = 0; j < len; j++) {
                    dot += g.get(base + j * inner) * y.get(base + j * inner);
                }
                for (int j = 0; j < len; j++) {
                    int at = base + j * inner;
                    gx.set(at, y.get(at) * (g.get(at) - dot));
                }
            }
        }
        return new NDArray[]{gx};
    }

    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        int j = a / inner % len;
        int base = a - j * inner;
        for (int c = 0; c < len; c++) {
            out.add(jacobianEntry(0, base + c * inner, j, c, y.get(a), y.get(base + c * inner)));
        }
        return true;
    }

    @Override
    public Role role() {
        return Role.SOFTMAX;
    }

    /** The partial {@code do_j/dz_k = o_j (delta_jk - o_k)}, with respect to element {@code zIndex} of input {@code input}. */
    static Partial jacobianEntry(int input, int zIndex, int j, int k, double oj, double ok) {
        if (j == k) {
            return new Partial(input, zIndex, oj * (1 - oj), "o_j(1 - o_j)",
                    MathText.of(number(oj), text("*(1 - "), number(oj), text(")")),
                    MathText.of(text("softmax Jacobian o_j(delta_jk - o_k), case j = k")));
        }
        return new Partial(input, zIndex, -oj * ok, "-o_j*o_k", MathText.of(text("-"), number(oj), text("*"), number(ok)),
                MathText.of(text("softmax Jacobian o_j(delta_jk - o_k), case j != k")));
    }

    @Override
    public String describe() {
        return "dim=" + dim;
    }
}
