package org.backprop4j.cli;

import java.util.List;
import java.util.Map;
import org.backprop4j.internal.Json;
import org.backprop4j.train.EpochResult;

/**
 * The {@code --metrics-out} document: per-epoch training and validation loss and accuracy, the
 * test accuracy and loss, and over the whole run (the wait for the kernel warm-up before the first
 * step, then every epoch's training steps and validation) the seconds and the training samples per second; an epoch's own {@code seconds} and
 * {@code samples_per_second} are those of its training steps. Numbers are written in
 * Java's shortest round-trip form so that two runs can be compared exactly; NaN becomes null. Written
 * with core's one JSON writer (the CLI runs core on the class path, where its internal package is visible).
 */
final class MetricsJson {
    private MetricsJson() {
    }

    /** The JSON text for a run: {@code info} (strings) first, then the epochs and the totals. */
    static String of(Map<String, String> info, List<EpochResult> history, double testAccuracy, double testLoss,
                     boolean stoppedEarly, double warmupWaitSeconds) {
        StringBuilder sb = new StringBuilder("{\n");
        for (Map.Entry<String, String> e : info.entrySet()) {
            sb.append("  ").append(Json.quote(e.getKey())).append(": ").append(Json.quote(e.getValue())).append(",\n");
        }
        sb.append("  \"epochs\": [");
        double seconds = warmupWaitSeconds;
        long samples = 0;
        for (int i = 0; i < history.size(); i++) {
            EpochResult r = history.get(i);
            seconds += r.seconds() + r.validationSeconds(); // the whole run: training and validation
            samples += Math.round(r.samplesPerSecond() * r.seconds());
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"epoch\": ").append(r.epoch())
                    .append(", \"train_loss\": ").append(Json.numberOrNull(r.trainLoss()))
                    .append(", \"train_accuracy\": ").append(Json.numberOrNull(r.trainAccuracy()))
                    .append(", \"val_loss\": ").append(Json.numberOrNull(r.validationLoss()))
                    .append(", \"val_accuracy\": ").append(Json.numberOrNull(r.validationAccuracy()))
                    .append(", \"learning_rate\": ").append(Json.numberOrNull(r.learningRate()))
                    .append(", \"seconds\": ").append(Json.numberOrNull(r.seconds()))
                    .append(", \"samples_per_second\": ").append(Json.numberOrNull(r.samplesPerSecond()))
                    .append(", \"validation_seconds\": ").append(Json.numberOrNull(r.validationSeconds())).append('}');
        }
        sb.append(history.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"stopped_early\": ").append(stoppedEarly).append(",\n");
        sb.append("  \"test_accuracy\": ").append(Json.numberOrNull(testAccuracy)).append(",\n");
        sb.append("  \"test_loss\": ").append(Json.numberOrNull(testLoss)).append(",\n");
        sb.append("  \"warmup_wait_seconds\": ").append(Json.numberOrNull(warmupWaitSeconds)).append(",\n");
        sb.append("  \"seconds\": ").append(Json.numberOrNull(seconds)).append(",\n");
        sb.append("  \"samples_per_second\": ").append(Json.numberOrNull(seconds > 0 ? samples / seconds : Double.NaN)).append("\n}\n");
        return sb.toString();
    }
}
