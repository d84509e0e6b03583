package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused Linear(+ReLU) op against the same computation as a chain of primitive ops. */
class LinearOpTest {

    private static void check(DType dtype, boolean relu, boolean bias, int n, int in, int out, double tol) {
        Rng rng = new Rng(n * 31L + in * 7L + out);
        Tensor x = Tensor.randn(rng, dtype, n, in).requiresGrad();
        Tensor w = Tensor.randn(rng, dtype, out, in).requiresGrad();
        Tensor b = Tensor.randn(rng, dtype, out).requiresGrad();
        Tensor g = Tensor.randn(rng, dtype, n, out);

        Tensor fused = bias ? Tensor.record(new LinearOp(relu), x, w, b) : Tensor.record(new LinearOp(relu), x, w);
        fused.backward(g);
        double[] gx = x.grad().toDoubleArray();
        double[] gw = w.grad().toDoubleArray();
        double[] gb = bias ? b.grad().toDoubleArray() : null;
        x.zeroGrad();
        w.zeroGrad();
        b.zeroGrad();

        Tensor plain = x.matmul(w.t());
        if (bias) {
            plain = plain.add(b);
        }
        if (relu) {
            plain = plain.relu();
        }
        assertThat(fused.toDoubleArray()).containsExactly(plain.toDoubleArray(), within(tol));
        plain.backward(g);
        assertThat(gx).containsExactly(x.grad().toDoubleArray(), within(tol));
        assertThat(gw).containsExactly(w.grad().toDoubleArray(), within(tol));
        if (bias) {
            assertThat(gb).containsExactly(b.grad().toDoubleArray(), within(tol));
        }
    }

    /** Outputs and gradients must not depend on what recycled workspace arrays held before. */
    @Test
    void givesTheSameResultsInAWorkspaceWhoseArraysHoldOldValues() {
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            for (boolean relu : new boolean[]{false, true}) {
                Rng rng = new Rng(relu ? 5 : 6);
                Tensor x = Tensor.randn(rng, dtype, 9, 17).requiresGrad();
                Tensor w = Tensor.randn(rng, dtype, 11, 17).requiresGrad();
                Tensor b = Tensor.randn(rng, dtype, 11).requiresGrad();
                Tensor g = Tensor.randn(rng, dtype, 9, 11);
                Tensor fresh = Tensor.record(new LinearOp(relu), x, w, b);
                fresh.backward(g);
                double[] y = fresh.toDoubleArray();
                double[] gx = x.grad().toDoubleArray();
                double[] gw = w.grad().toDoubleArray();
                Workspace ws = new Workspace();
                for (int step = 0; step < 3; step++) {
                    x.zeroGrad();
                    w.zeroGrad();
                    b.zeroGrad();
                    try (Workspace s = ws.begin()) {
                        Tensor out = Tensor.record(new LinearOp(relu), x, w, b);
                        out.backward(g);
                        assertThat(out.toDoubleArray()).containsExactly(y);
                        assertThat(x.grad().toDoubleArray()).containsExactly(gx);
                        assertThat(w.grad().toDoubleArray()).containsExactly(gw);
                        for (Tensor t : new Tensor[]{out, x.grad(), w.grad(), b.grad()}) {
                            t.data().fillInPlace(Double.NaN); // what the next step's recycled arrays will hold
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesThePrimitiveChainInBothDtypes() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {9, 17, 49}, {13, 257, 10}, {128, 64, 33}};
        for (int[] s : shapes) {
            for (boolean relu : new boolean[]{false, true}) {
                for (boolean bias : new boolean[]{false, true}) {
                    check(DType.FLOAT64, relu, bias, s[0], s[1], s[2], 1e-10);
                    check(DType.FLOAT32, relu, bias, s[0], s[1], s[2], 2e-3);
                }
            }
        }
    }
}
