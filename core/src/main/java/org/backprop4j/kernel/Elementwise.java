package org.backprop4j.kernel;

/**
 * Fused element-wise float32 kernels on the kernel set chosen by {@link Kernels}. Their results are
 * bit-identical between the Vector API and plain-Java sets (no reordering is involved).
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code out[i] = x[i] + y[i]} for n elements; out may alias x or y. */
    public static void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        Kernels.active().add(x, xo, y, yo, out, oo, n);
    }

    /** {@code out[r,c] = x[r,c] + bias[c]} for a rows x cols matrix; out may be x. */
    public static void addBias(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols) {
        Kernels.active().biasAct(x, xo, bias, bo, out, oo, rows, cols, false);
    }

    /** Fused bias and ReLU: {@code out[r,c] = max(0, x[r,c] + bias[c])}; out may be x. */
    public static void addBiasRelu(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols) {
        Kernels.active().biasAct(x, xo, bias, bo, out, oo, rows, cols, true);
    }

    /** ReLU backward from its output: {@code out[i] = y[i] > 0 ? g[i] : 0}; out may alias g. */
    public static void reluBackward(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
        Kernels.active().reluBackward(g, go, y, yo, out, oo, n);
    }

    /** The plain SGD update {@code p[i] = (float) (p[i] - lr * g[i])}, computed in double as the scalar loop does. */
    public static void sgdUpdate(float[] p, int po, float[] g, int go, double lr, int n) {
        Kernels.active().sgdUpdate(p, po, g, go, lr, n);
    }

    /** {@code y[i] = fma(alpha, x[i], y[i])} for n elements. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        Kernels.active().axpy(alpha, x, xo, y, yo, n);
    }
}
