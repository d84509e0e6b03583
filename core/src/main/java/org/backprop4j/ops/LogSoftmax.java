package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * Log-softmax along one dimension in one step, {@code z_j - m - log sum_k e^{z_k - m}}: never the
 * log of a softmax, which underflows to -inf once a probability is below the float range.
 */
public final class LogSoftmax extends Op {
    private final int dim;
    private NDArray y;
    private int outer;
    private int len;
    private int inner;

    /** Log-softmax along dimension {@code dim}. */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "LogSoftmax");
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
                double m = Softmax.max(x, base, len, inner);
                double sum = Softmax.sumExp(x, base, len, inner, m);
                double lse = m + Math.log(sum);
                for (int j = 0; j < len; j++) {
                    y.set(base + j * inner, x.get(base + j * inner) - lse);
                }
            }
        }
        return y;
    }

    // d(log o_j)/dz_k = delta_jk - o_k  =>  dz_k = g_k - o_k sum_j g_j
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = y.zerosLike();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double gsum = 0;
                for (int j = 0; j < len; j++) {
                    gsum += g.get(base + j * inner);
                }
                for (int j = 0; j < len; j++) {
                    int at = base + j * inner;
                    gx.set(at, g.get(at) - Math.exp(y.get(at)) * gsum);
                }
            }
        }
        return new NDArray[]{gx};
    }

    @Override
    public String describe() {
        return "dim=" + dim;
    }
}
