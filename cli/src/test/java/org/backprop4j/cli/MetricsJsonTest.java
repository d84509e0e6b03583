package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.backprop4j.train.EpochResult;
import org.junit.jupiter.api.Test;

/** The whole-run figures of {@code --metrics-out}: the warm-up wait, every epoch, the first included, and its validation. */
class MetricsJsonTest {
    @Test
    void samplesPerSecondIsOverTheWarmupWaitAndTheTrainingStepsAndValidationOfEveryEpoch() {
        // a 2 s wait for the warm-up; epoch 1: 1000 samples in 4 s, validation 1 s; epoch 2: 1000 samples in 2 s, validation 1 s
        List<EpochResult> history = List.of(
                new EpochResult(1, 0.5, 0.8, 0.6, 0.7, 4, 250, 0.1, 1),
                new EpochResult(2, 0.4, 0.85, 0.5, 0.75, 2, 500, 0.1, 1));
        String json = MetricsJson.of(Map.of(), history, 0.9, 0.3, false, 2);
        assertThat(json).contains("\"warmup_wait_seconds\": 2.0,\n", "\"seconds\": 10.0,\n", "\"samples_per_second\": 200.0\n}",
                "\"samples_per_second\": 500.0, \"validation_seconds\": 1.0}");
    }
}
