package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.backprop4j.ReferenceValues;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Activation modules against their formulas, with gradient checks away from kinks, and their names. */
class ActivationsTest {

    /** Values at least 0.1 away from zero (the kink of ReLU and leaky ReLU), of both signs. */
    private static Tensor awayFromZero(int... shape) {
        Rng rng = new Rng(21);
        Tensor t = Tensor.zeros(DType.FLOAT64, shape);
        for (int i = 0; i < t.size(); i++) {
            double m = 0.1 + 2 * rng.nextDouble();
            t.data().set(i, i % 2 == 0 ? m : -m);
        }
        return t;
    }

    private static void assertElementwise(Module m, DoubleUnaryOperator f) {
        Tensor x = awayFromZero(3, 4);
        double[] in = x.toDoubleArray();
        double[] out = m.forward(x).toDoubleArray();
        for (int i = 0; i < in.length; i++) {
            assertThat(out[i]).as("%s at %s", m, in[i]).isCloseTo(f.applyAsDouble(in[i]), within(1e-14));
        }
        assertGradCheck(m, x);
    }

    private static void assertGradCheck(Module m, Tensor x) {
        GradCheck.Report r = GradCheck.check(in -> m.forward(in[0]), x.requiresGrad());
        assertThat(r.passed(1e-7)).as(m + ": " + r).isTrue();
    }

    @Test
    void relu() {
        assertElementwise(new ReLU(), v -> v > 0 ? v : 0);
    }

    @Test
    void leakyRelu() {
        assertElementwise(new LeakyReLU(0.2), v -> v > 0 ? v : 0.2 * v);
        assertElementwise(new LeakyReLU(), v -> v > 0 ? v : 0.01 * v);
        assertThat(new LeakyReLU().slope()).isEqualTo(0.01);
    }

    @Test
    void sigmoid() {
        assertElementwise(new Sigmoid(), v -> 1 / (1 + Math.exp(-v)));
    }

    @Test
    void tanh() {
        assertElementwise(new Tanh(), Math::tanh);
    }

    @Test
    void geluMatchesTabulatedNormalCdf() {
        // Phi(1), Phi(2) of the standard normal, from mpmath (core/src/test/python/reference_values.py)
        double[] phi = ReferenceValues.of("normal_cdf.value");
        assertThat(ReferenceValues.of("normal_cdf.x")).containsExactly(1, 2);
        double[] y = new GELU().forward(Tensor.of(new double[]{1, -1, 2, 0})).toDoubleArray();
        assertThat(y[0]).isCloseTo(phi[0], within(1e-15));
        assertThat(y[1]).isCloseTo(-(1 - phi[0]), within(1e-15));
        assertThat(y[2]).isCloseTo(2 * phi[1], within(1e-15));
        assertThat(y[3]).isZero();
        assertGradCheck(new GELU(), awayFromZero(2, 5));
    }

    @Test
    void identityReturnsItsInput() {
        Tensor x = Tensor.ones(2, 3);
        assertThat(new Identity().forward(x)).isSameAs(x);
    }

    private static double[] softmaxRow(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        double[] o = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            o[i] = Math.exp(z[i] - m) / s;
        }
        return o;
    }

    @Test
    void softmaxAndLogSoftmaxAlongEitherDimension() {
        double[] z = {0.5, -1, 2, 3, 0, 0.25}; // [2, 3]
        double[] byRow = new Softmax(1).forward(Tensor.of(z, 2, 3)).toDoubleArray();
        double[] logByRow = new LogSoftmax(-1).forward(Tensor.of(z, 2, 3)).toDoubleArray();
        for (int r = 0; r < 2; r++) {
            double[] o = softmaxRow(new double[]{z[3 * r], z[3 * r + 1], z[3 * r + 2]});
            for (int c = 0; c < 3; c++) {
                assertThat(byRow[3 * r + c]).isCloseTo(o[c], within(1e-15));
                assertThat(logByRow[3 * r + c]).isCloseTo(Math.log(o[c]), within(1e-14));
            }
        }
        double[] byColumn = new Softmax(0).forward(Tensor.of(z, 2, 3)).toDoubleArray();
        for (int c = 0; c < 3; c++) {
            double[] o = softmaxRow(new double[]{z[c], z[3 + c]});
            assertThat(byColumn[c]).isCloseTo(o[0], within(1e-15));
            assertThat(byColumn[3 + c]).isCloseTo(o[1], within(1e-15));
        }
        // Central differences carry a roundoff of about 1e-16 |f| / h = 1e-10 in absolute terms, so the
        // inputs are kept small enough that no softmax gradient entry is tiny next to that.
        assertGradCheck(new Softmax(1), Tensor.uniform(new Rng(21), DType.FLOAT64, -1, 1, 2, 3));
        assertGradCheck(new LogSoftmax(0), Tensor.uniform(new Rng(21), DType.FLOAT64, -1, 1, 2, 4));
    }

    @Test
    void namesPrintLikePyTorch() {
        assertThat(new ReLU()).hasToString("ReLU()");
        assertThat(new LeakyReLU(0.2)).hasToString("LeakyReLU(negative_slope=0.2)");
        assertThat(new Sigmoid()).hasToString("Sigmoid()");
        assertThat(new Tanh()).hasToString("Tanh()");
        assertThat(new GELU()).hasToString("GELU()");
        assertThat(new Identity()).hasToString("Identity()");
        assertThat(new Softmax(1)).hasToString("Softmax(dim=1)");
        assertThat(new LogSoftmax(-1)).hasToString("LogSoftmax(dim=-1)");
        assertThat(new Flatten()).hasToString("Flatten()");
    }

    @Test
    void activationsHaveNoParameters() {
        for (Module m : new Module[]{new ReLU(), new LeakyReLU(), new Sigmoid(), new Tanh(), new GELU(),
                new Identity(), new Softmax(1), new LogSoftmax(1), new Flatten(), new Dropout(0.1)}) {
            assertThat(m.parameterCount()).as(m.toString()).isZero();
        }
    }
}
