package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The op's backward for both inputs, with positive-class weights, and its weight-shape check. */
class BceWithLogitsTest {

    @Test
    void gradientWithRespectToTargetsIsMinusXPlusPMinusOneSoftplusMinusX() {
        // l = (1-t) x + (1 + (p-1) t) log(1 + e^-x)  =>  dl/dt = -x + (p-1) log(1 + e^-x)
        double x = -0.4;
        double p = 3.0;
        NDArray pw = NDArray.full(DType.FLOAT64, p, 1);
        Tensor t = Tensor.of(new double[]{0.25}).requiresGrad();
        Tensor.record(new BceWithLogits(null, pw, true, false), Tensor.of(new double[]{x}), t).backward();
        assertThat(t.grad().item()).isCloseTo(-x + (p - 1) * Math.log1p(Math.exp(-x)), within(1e-15));
    }

    @Test
    void gradCheckBothInputs() {
        NDArray w = NDArray.wrap(new double[]{0.5, 2.0, 1.0}, 3);
        NDArray pw = NDArray.wrap(new double[]{3.0, 0.5, 1.5}, 3);
        GradCheck.Report r = GradCheck.check(in -> Tensor.record(new BceWithLogits(w, pw, false, false), in[0], in[1]),
                Tensor.of(new double[]{0.3, -1.2, 2.5, -0.4, 1.1, -3.0}, 2, 3).requiresGrad(),
                Tensor.of(new double[]{1, 0, 0.7, 0, 1, 0.2}, 2, 3).requiresGrad());
        assertThat(r.passed(1e-7)).as(r.toString()).isTrue();
    }

    @Test
    void weightLargerThanTheLogitsIsRejected() {
        NDArray w = NDArray.full(DType.FLOAT64, 1, 2, 3);
        assertThatThrownBy(() -> new BceWithLogits(w, null, true, true)
                .forward(NDArray.zeros(DType.FLOAT64, 3), NDArray.zeros(DType.FLOAT64, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
    }
}
