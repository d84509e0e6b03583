package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    private static EpochResult epoch(int e, double valLoss) {
        return new EpochResult(e, 1, 0.5, valLoss, 0.5, 1, 1, 0.1);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping es = new EarlyStopping(2);
        double[] losses = {1.0, 0.8, 0.9, 0.85};
        List<Boolean> stops = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            es.onEpochEnd(epoch(i + 1, losses[i]));
            stops.add(es.shouldStop());
        }
        assertThat(stops).containsExactly(false, false, false, true);
        assertThat(es.bestEpoch()).isEqualTo(2);
        assertThat(es.bestLoss()).isEqualTo(0.8);
    }

    @Test
    void replayRebuildsTheStateOfAnInterruptedRun() {
        EarlyStopping a = new EarlyStopping(3);
        List<EpochResult> h = List.of(epoch(1, 1), epoch(2, 2), epoch(3, 2));
        h.forEach(a::onEpochEnd);
        EarlyStopping b = new EarlyStopping(3);
        b.replay(h);
        a.onEpochEnd(epoch(4, 3));
        b.onEpochEnd(epoch(4, 3));
        assertThat(b.shouldStop()).isEqualTo(a.shouldStop()).isTrue();
    }

    @Test
    void rejectsZeroPatience() {
        assertThatThrownBy(() -> new EarlyStopping(0)).hasMessageContaining("at least 1");
    }
}
