package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Flatten keeps the batch dimension and joins the rest in row-major order. */
class FlattenTest {

    @Test
    void joinsEveryDimensionAfterTheFirst() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor y = new Flatten().forward(x);
        assertThat(y.shape()).containsExactly(2, 12);
        assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(y.get(1, 0)).isEqualTo(12.0);
        assertThat(new Flatten().forward(Tensor.zeros(5, 2)).shape()).containsExactly(5, 2);
        assertThat(new Flatten().forward(Tensor.zeros(0, 2, 3)).shape()).containsExactly(0, 6);
    }

    @Test
    void gradientFlowsBackInTheInputShape() {
        Tensor x = Tensor.randn(new Rng(1), DType.FLOAT64, 2, 2, 3).requiresGrad();
        GradCheck.Report r = GradCheck.check(in -> new Flatten().forward(in[0]), x);
        assertThat(r.passed(1e-7)).as(r.toString()).isTrue();
    }

    @Test
    void needsABatchDimensionAndMore() {
        assertThatThrownBy(() -> new Flatten().forward(Tensor.zeros(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4]");
    }
}
