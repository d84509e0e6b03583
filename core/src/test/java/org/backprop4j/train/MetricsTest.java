package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private final int[] labels = {0, 0, 1, 1, 1, 2};
    private final int[] predictions = {0, 1, 1, 1, 0, 1};

    @Test
    void accuracyAndConfusionMatrix() {
        assertThat(Metrics.accuracy(labels, predictions)).isEqualTo(3.0 / 6);
        int[][] m = Metrics.confusionMatrix(labels, predictions, 3);
        assertThat(m[0]).containsExactly(1, 1, 0);
        assertThat(m[1]).containsExactly(1, 2, 0);
        assertThat(m[2]).containsExactly(0, 1, 0);
    }

    @Test
    void precisionRecallF1ByHand() {
        int[][] m = Metrics.confusionMatrix(labels, predictions, 3);
        double[] p = Metrics.precision(m);   // class 0: 1/2, class 1: 2/4, class 2: never predicted
        double[] r = Metrics.recall(m);      // class 0: 1/2, class 1: 2/3, class 2: 0/1
        assertThat(p[0]).isEqualTo(0.5);
        assertThat(p[1]).isEqualTo(0.5);
        assertThat(p[2]).isNaN();
        assertThat(r[1]).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r[2]).isEqualTo(0.0);
        double[] f = Metrics.f1(m);
        assertThat(f[1]).isCloseTo(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), within(1e-15));
    }

    @Test
    void mismatchedLengthsAndBadClassesAreRejected() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[]{1}, new int[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 labels but 2 predictions");
        assertThatThrownBy(() -> Metrics.confusionMatrix(new int[]{3}, new int[]{0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
    }
}
