package org.backprop4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A workspace hands the same zeroed arrays out again, step after step, and only inside a step. */
class WorkspaceTest {

    @Test
    void recyclesArraysInOrderAndZeroesThem() {
        Workspace ws = new Workspace();
        float[] first;
        double[] second;
        try (Workspace s = ws.begin()) {
            first = NDArray.zeros(DType.FLOAT32, 3, 4).floatData();
            second = NDArray.zeros(DType.FLOAT64, 5).doubleData();
            first[0] = 7;
            second[4] = 9;
        }
        try (Workspace s = ws.begin()) {
            float[] again = NDArray.zeros(DType.FLOAT32, 4, 3).floatData();
            double[] again2 = NDArray.zeros(DType.FLOAT64, 5).doubleData();
            assertThat(again).isSameAs(first).containsOnly(0f);
            assertThat(again2).isSameAs(second).containsOnly(0d);
        }
        assertThat(ws.floatArrays()).isEqualTo(1);
        assertThat(NDArray.zeros(DType.FLOAT32, 3, 4).floatData()).isNotSameAs(first);
    }

    @Test
    void forOverwriteRecyclesWithoutZeroingAndIsZeroOutsideAStep() {
        Workspace ws = new Workspace();
        float[] f;
        double[] d;
        try (Workspace s = ws.begin()) {
            f = NDArray.forOverwrite(DType.FLOAT32, 2, 3).floatData();
            d = NDArray.forOverwrite(DType.FLOAT64, 4).doubleData();
            f[5] = 7;
            d[0] = 9;
        }
        try (Workspace s = ws.begin()) {
            NDArray again = NDArray.forOverwrite(DType.FLOAT32, 3, 2);
            assertThat(again.floatData()).isSameAs(f);
            assertThat(again.floatData()[5]).isEqualTo(7f); // the previous step's value, not zeroed
            assertThat(again.shape()).containsExactly(3, 2);
            assertThat(NDArray.forOverwrite(DType.FLOAT64, 4).doubleData()).isSameAs(d).startsWith(9d);
        }
        assertThat(NDArray.forOverwrite(DType.FLOAT32, 2, 3).floatData()).isNotSameAs(f).containsOnly(0f);
    }

    @Test
    void aDifferentSizeReplacesTheArrayAndNestingIsRejected() {
        Workspace ws = new Workspace();
        float[] a;
        try (Workspace s = ws.begin()) {
            a = Workspace.floats(10);
            assertThatThrownBy(ws::begin).isInstanceOf(IllegalStateException.class);
        }
        try (Workspace s = ws.begin()) {
            assertThat(Workspace.floats(11)).isNotSameAs(a).hasSize(11);
        }
    }

    @Test
    void anArrayUsedAfterTheNextStepBeganFailsInDebugMode() {
        assertThat(Workspace.DEBUG).as("the tests run with -Dbackprop4j.debug=true (root pom)").isTrue();
        Workspace ws = new Workspace();
        NDArray kept;
        NDArray view;
        try (Workspace s = ws.begin()) {
            kept = NDArray.full(DType.FLOAT64, 2.0, 2, 3);
            view = kept.reshape(6);
        }
        // valid after close, until the next begin()
        assertThat(kept.get(5)).isEqualTo(2.0);
        try (Workspace s = ws.begin()) {
            NDArray.full(DType.FLOAT64, 7.0, 2, 3); // takes over kept's storage
            assertThatThrownBy(() -> kept.get(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shape [2, 3]").hasMessageContaining("after the next step began");
        }
        assertThatThrownBy(() -> kept.doubleData()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> view.toDoubleArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NDArray.zeros(DType.FLOAT64, 2, 3).copyFrom(kept)).isInstanceOf(IllegalStateException.class);
        NDArray outside = NDArray.full(DType.FLOAT32, 1.0, 2);
        try (Workspace s = ws.begin()) {
            NDArray.full(DType.FLOAT32, 3.0, 2);
        }
        assertThat(outside.toDoubleArray()).containsExactly(1, 1);
    }
}
