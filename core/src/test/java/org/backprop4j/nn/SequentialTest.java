package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Layers applied in order, named by position. */
class SequentialTest {

    @Test
    void appliesLayersInOrder() {
        Linear a = new Linear(3, 4, true, new Rng(1), DType.FLOAT64);
        Linear b = new Linear(4, 2, true, new Rng(2), DType.FLOAT64);
        Sequential s = new Sequential(a, new Tanh(), b);
        Tensor x = Tensor.randn(new Rng(3), DType.FLOAT64, 5, 3);
        assertThat(s.forward(x).toDoubleArray())
                .containsExactly(b.forward(a.forward(x).tanh()).toDoubleArray(), within(0.0));
    }

    @Test
    void addGetAndSize() {
        Sequential s = new Sequential();
        assertThat(s.size()).isZero();
        Tensor x = Tensor.ones(2, 2);
        assertThat(s.forward(x)).isSameAs(x);
        ReLU relu = new ReLU();
        assertThat(s.add(new Linear(2, 2)).add(relu)).isSameAs(s);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.get(1)).isSameAs(relu);
        assertThat(s.namedChildren().keySet()).containsExactly("0", "1");
        assertThat(s.namedParameters().keySet()).containsExactly("0.weight", "0.bias");
        assertThatThrownBy(() -> s.get(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("2 layers");
    }

    @Test
    void gradCheckThroughATwoLayerPerceptron() {
        Rng rng = new Rng(5);
        Linear a = new Linear(3, 4, true, rng, DType.FLOAT64);
        Linear b = new Linear(4, 2, true, rng, DType.FLOAT64);
        // Unit-variance weights keep every gradient entry of order one: with the default init some
        // are near 1e-4, where central-difference roundoff (about 1e-10) is no longer negligible.
        Init.normal(a.weight(), 0, 1, rng);
        Init.normal(b.weight(), 0, 1, rng);
        Sequential s = new Sequential(a, new Tanh(), b, new LogSoftmax(1));
        Tensor x = Tensor.randn(new Rng(6), DType.FLOAT64, 3, 3).requiresGrad();
        GradCheck.Report r = GradCheck.check(in -> {
            a.replaceParameter("weight", in[1]);
            a.replaceParameter("bias", in[2]);
            b.replaceParameter("weight", in[3]);
            b.replaceParameter("bias", in[4]);
            return s.forward(in[0]);
        }, x, a.weight(), a.bias(), b.weight(), b.bias());
        assertThat(r.checked()).isEqualTo(9 + 12 + 4 + 8 + 2);
        assertThat(r.passed(1e-7)).as(r.toString()).isTrue();
    }
}
