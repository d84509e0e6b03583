package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.tensor.Tensor;

/** Helpers shared by the optimiser tests: parameters, known gradients set through autograd. */
final class OptimTestSupport {
    private OptimTestSupport() {
    }

    /** A float64 parameter with the given values. */
    static Tensor param(double... values) {
        return Tensor.of(values).requiresGrad();
    }

    /** A float32 parameter with the given values. */
    static Tensor param32(float... values) {
        return Tensor.of(values).requiresGrad();
    }

    /** Sets p.grad() to exactly g, by back-propagating sum(p · g). */
    static void setGrad(Tensor p, double[] g) {
        p.zeroGrad();
        p.mul(Tensor.of(g, p.shape())).sum().backward();
        assertThat(p.grad().toDoubleArray()).containsExactly(g);
    }

    /** Sets p.grad() to exactly g (float32), by back-propagating sum(p · g). */
    static void setGrad(Tensor p, float[] g) {
        p.zeroGrad();
        p.mul(Tensor.of(g, p.shape())).sum().backward();
        assertThat(p.grad().toFloatArray()).containsExactly(g);
    }

    /**
     * A known gradient for step t (0-based) of a parameter of n elements: sign changes, different
     * scales per element, and magnitudes that drop sharply after step 3 (so AMSGrad's maximum
     * differs from the running second moment).
     */
    static double[] knownGrad(int t, int n) {
        double[] g = new double[n];
        for (int j = 0; j < n; j++) {
            g[j] = (j + 1) * Math.cos(0.9 * t + j) * (t < 3 ? 2 : 0.1);
        }
        return g;
    }

    /** {@link #knownGrad} rounded to float32. */
    static float[] knownGrad32(int t, int n) {
        double[] g = knownGrad(t, n);
        float[] f = new float[n];
        for (int j = 0; j < n; j++) {
            f[j] = (float) g[j];
        }
        return f;
    }

    /**
     * Sets the gradient of every parameter (a mix of shapes allowed) to the gradient of
     * {@code sum(c · p²) / 2 + sum(d · p)} built with tensor ops, i.e. {@code c · p + d}.
     */
    static void quadraticBackward(List<Tensor> params) {
        Tensor loss = null;
        for (Tensor p : params) {
            int n = p.size();
            double[] c = new double[n];
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                c[j] = 0.5 + j;
                d[j] = j % 2 == 0 ? -1.5 : 0.75;
            }
            Tensor ct = Tensor.of(c, p.shape()).to(p.dtype());
            Tensor dt = Tensor.of(d, p.shape()).to(p.dtype());
            Tensor term = p.mul(p).mul(ct).sum().mul(0.5).add(p.mul(dt).sum());
            loss = loss == null ? term : loss.add(term);
        }
        for (Tensor p : params) {
            p.zeroGrad();
        }
        loss.backward();
    }
}
