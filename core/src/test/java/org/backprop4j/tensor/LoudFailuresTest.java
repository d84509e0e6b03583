package org.backprop4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.ops.Mul;
import org.junit.jupiter.api.Test;

/** Misuse that used to give silently wrong numbers fails with a message instead. */
class LoudFailuresTest {

    @Test
    void anOpInstanceRecordsOnce() {
        // the probe of issue 11: reusing one Mul gave dW = [10, 10] instead of [1, 1]
        Tensor w = Tensor.of(new double[]{3, 4}, 2).requiresGrad(true);
        Mul mul = new Mul();
        Tensor first = Tensor.record(mul, w, Tensor.of(new double[]{1, 1}, 2));
        assertThatThrownBy(() -> Tensor.record(mul, w, Tensor.of(new double[]{10, 10}, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Mul").hasMessageContaining("already been applied");
        first.sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void aTensorUsedAfterItsStepFailsInDebugMode() {
        // the probe of issue 11: a kept tensor changed value from 2.0 to 7.0
        Workspace ws = new Workspace();
        Tensor kept;
        try (Workspace step = ws.begin()) {
            kept = Tensor.full(DType.FLOAT64, 1.0, 1).mul(2.0);
        }
        assertThat(kept.item()).isEqualTo(2.0);
        try (Workspace step = ws.begin()) {
            Tensor.full(DType.FLOAT64, 1.0, 1).mul(7.0);
            assertThatThrownBy(kept::item).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Workspace step");
            assertThatThrownBy(() -> kept.add(1.0)).isInstanceOf(IllegalStateException.class);
        }
    }
}
