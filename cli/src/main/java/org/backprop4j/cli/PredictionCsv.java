package org.backprop4j.cli;

import java.util.List;

/** Formats predictions as CSV: one probability column per class, then the predicted label. */
final class PredictionCsv {
    private PredictionCsv() {
    }

    /** The CSV text: header {@code p_<class>...,predicted}, then one row per sample; probabilities in full precision. */
    static String format(double[] probabilities, int[] predictions, List<String> classNames) {
        int k = classNames.size();
        StringBuilder sb = new StringBuilder();
        for (String name : classNames) {
            sb.append(field("p_" + name)).append(',');
        }
        sb.append("predicted\n");
        for (int i = 0; i < predictions.length; i++) {
            for (int c = 0; c < k; c++) {
                sb.append(probabilities[i * k + c]).append(',');
            }
            sb.append(field(classNames.get(predictions[i]))).append('\n');
        }
        return sb.toString();
    }

    /** A CSV field, quoted (RFC 4180) when it contains a comma, a quote or a line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
