package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fully connected layer: shapes, PyTorch's initialisation, values and gradients. */
class LinearTest {

    @Test
    void weightIsOutByInAndBiasIsOut() {
        Linear l = new Linear(5, 3, new Rng(0));
        assertThat(l.weight().shape()).containsExactly(3, 5);
        assertThat(l.bias().shape()).containsExactly(3);
        assertThat(l.inFeatures()).isEqualTo(5);
        assertThat(l.outFeatures()).isEqualTo(3);
        assertThat(l.weight().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(l.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(l.weight().name()).isEqualTo("weight");
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtIn() {
        int in = 400;
        Linear l = new Linear(in, 300, true, new Rng(42), DType.FLOAT64);
        double bound = 1 / Math.sqrt(in);
        double[] w = l.weight().toDoubleArray();
        double max = 0;
        double sumSq = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sumSq += v * v;
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        // U(-b, b) has variance b^2/3; 120000 samples give a relative standard error near 0.3%
        assertThat(sumSq / w.length).isCloseTo(bound * bound / 3, within(0.03 * bound * bound / 3));
        for (double v : l.bias().toDoubleArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void defaultGeneratorFollowsManualSeed() {
        Init.manualSeed(3);
        Linear a = new Linear(5, 4);
        Init.manualSeed(3);
        Linear b = new Linear(5, 4);
        Linear c = new Linear(5, 4);
        assertThat(b.weight().toFloatArray()).containsExactly(a.weight().toFloatArray());
        assertThat(b.bias().toFloatArray()).containsExactly(a.bias().toFloatArray());
        assertThat(c.weight().toFloatArray()).isNotEqualTo(a.weight().toFloatArray());
        Linear d = new Linear(5, 4, new Rng(3));
        Linear e = new Linear(5, 4, new Rng(3));
        assertThat(e.weight().toFloatArray()).containsExactly(d.weight().toFloatArray());
    }

    private static Linear withValues(double[] w, double[] b, int in, int out) {
        Linear l = new Linear(in, out, b != null, new Rng(0), DType.FLOAT64);
        l.weight().data().copyFrom(Tensor.of(w, out, in).data());
        if (b != null) {
            l.bias().data().copyFrom(Tensor.of(b).data());
        }
        return l;
    }

    @Test
    void forwardIsXTimesWTransposedPlusB() {
        double[] w = {1, 2, 3, -1, 0, 0.5}; // [2, 3]
        double[] b = {0.25, -2};
        Linear l = withValues(w, b, 3, 2);
        double[] x = {1, -1, 2, 0.5, 4, -3}; // [2, 3]
        double[] y = l.forward(Tensor.of(x, 2, 3)).toDoubleArray();
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 2; o++) {
                double expected = b[o];
                for (int i = 0; i < 3; i++) {
                    expected += x[n * 3 + i] * w[o * 3 + i];
                }
                assertThat(y[n * 2 + o]).isCloseTo(expected, within(1e-15));
            }
        }
        Linear noBias = withValues(w, null, 3, 2);
        assertThat(noBias.forward(Tensor.of(new double[]{1, 1, 1}, 1, 3)).toDoubleArray()).containsExactly(6, -0.5);
    }

    @Test
    void acceptsOneDimensionalAndBatchedInputs() {
        Linear l = new Linear(3, 2, true, new Rng(4), DType.FLOAT64);
        double[] x = {0.1, 0.2, 0.3, -1, 2, 0.5, 1, 1, 1, 0, -2, 4};
        Tensor flat = l.forward(Tensor.of(x, 4, 3));
        Tensor batched = l.forward(Tensor.of(x, 2, 2, 3));
        assertThat(batched.shape()).containsExactly(2, 2, 2);
        assertThat(batched.toDoubleArray()).containsExactly(flat.toDoubleArray(), within(1e-15));
        Tensor single = l.forward(Tensor.of(new double[]{0.1, 0.2, 0.3}));
        assertThat(single.shape()).containsExactly(2);
        assertThat(single.toDoubleArray()).containsExactly(flat.rows(0, 1).toDoubleArray(), within(1e-15));
    }

    @Test
    void gradientOfSumHasClosedForm() {
        // d sum(xW^T + b)/dW[o,i] = sum_n x[n,i];  d/db[o] = N
        double[] x = {1, 2, 3, -4, 0.5, 6};
        Linear l = new Linear(3, 2, true, new Rng(1), DType.FLOAT64);
        l.forward(Tensor.of(x, 2, 3)).sum().backward();
        assertThat(l.weight().grad().toDoubleArray()).containsExactly(-3, 2.5, 9, -3, 2.5, 9);
        assertThat(l.bias().grad().toDoubleArray()).containsExactly(2, 2);
    }

    @Test
    void gradCheckInputWeightAndBias() {
        Linear l = new Linear(4, 3, true, new Rng(7), DType.FLOAT64);
        Tensor x = Tensor.randn(new Rng(8), DType.FLOAT64, 5, 4).requiresGrad();
        GradCheck.Report r = GradCheck.check(in -> {
            l.replaceParameter("weight", in[1]);
            l.replaceParameter("bias", in[2]);
            return l.forward(in[0]);
        }, x, l.weight(), l.bias());
        assertThat(r.checked()).isEqualTo(5 * 4 + 3 * 4 + 3);
        assertThat(r.passed(1e-7)).as(r.toString()).isTrue();
    }

    @Test
    void gradCheckBatchedInput() {
        Linear l = new Linear(3, 2, false, new Rng(9), DType.FLOAT64);
        Tensor x = Tensor.randn(new Rng(10), DType.FLOAT64, 2, 4, 3).requiresGrad();
        GradCheck.Report r = GradCheck.check(in -> {
            l.replaceParameter("weight", in[1]);
            return l.forward(in[0]);
        }, x, l.weight());
        assertThat(r.passed(1e-7)).as(r.toString()).isTrue();
    }

    @Test
    void withoutBias() {
        Linear l = new Linear(3, 2, false, new Rng(0), DType.FLOAT32);
        assertThat(l.bias()).isNull();
        assertThat(l.namedParameters().keySet()).containsExactly("weight");
        assertThat(l.toString()).isEqualTo("Linear(in_features=3, out_features=2, bias=false)");
    }

    @Test
    void wrongInputWidthNamesBothSizes() {
        Linear l = new Linear(3, 2, new Rng(0));
        assertThatThrownBy(() -> l.forward(Tensor.zeros(4, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in_features=3").hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> new Linear(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in=0");
    }
}
