package org.backprop4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backprop4j.train.EpochResult;

/**
 * The {@code --metrics-out} document: per-epoch training and validation loss and accuracy, the
 * test accuracy and loss, total training seconds and samples per second. Numbers are written in
 * Java's shortest round-trip form so that two runs can be compared exactly; NaN becomes null.
 */
final class MetricsJson {
    private MetricsJson() {
    }

    /** The JSON text for a run: {@code info} (strings) first, then the epochs and the totals. */
    static String of(Map<String, String> info, List<EpochResult> history, double testAccuracy, double testLoss,
                     boolean stoppedEarly) {
        StringBuilder sb = new StringBuilder("{\n");
        for (Map.Entry<String, String> e : info.entrySet()) {
            sb.append("  ").append(string(e.getKey())).append(": ").append(string(e.getValue())).append(",\n");
        }
        sb.append("  \"epochs\": [");
        double seconds = 0;
        long samples = 0;
        for (int i = 0; i < history.size(); i++) {
            EpochResult r = history.get(i);
            seconds += r.seconds();
            samples += Math.round(r.samplesPerSecond() * r.seconds());
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"epoch\": ").append(r.epoch())
                    .append(", \"train_loss\": ").append(number(r.trainLoss()))
                    .append(", \"train_accuracy\": ").append(number(r.trainAccuracy()))
                    .append(", \"val_loss\": ").append(number(r.validationLoss()))
                    .append(", \"val_accuracy\": ").append(number(r.validationAccuracy()))
                    .append(", \"learning_rate\": ").append(number(r.learningRate()))
                    .append(", \"seconds\": ").append(number(r.seconds()))
                    .append(", \"samples_per_second\": ").append(number(r.samplesPerSecond())).append('}');
        }
        sb.append(history.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"stopped_early\": ").append(stoppedEarly).append(",\n");
        sb.append("  \"test_accuracy\": ").append(number(testAccuracy)).append(",\n");
        sb.append("  \"test_loss\": ").append(number(testLoss)).append(",\n");
        sb.append("  \"seconds\": ").append(number(seconds)).append(",\n");
        sb.append("  \"samples_per_second\": ").append(number(seconds > 0 ? samples / seconds : Double.NaN)).append("\n}\n");
        return sb.toString();
    }

    /** A JSON number, or null for NaN and infinities. */
    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
