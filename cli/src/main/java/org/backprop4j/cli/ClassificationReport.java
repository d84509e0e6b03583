package org.backprop4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.backprop4j.train.Evaluation;
import org.backprop4j.train.Metrics;

/** Prints an evaluation: accuracy, log-loss, per-class precision, recall and F1, and the confusion matrix. */
final class ClassificationReport {
    private ClassificationReport() {
    }

    /** Prints the report of {@code e} with the class names (index k names class k). */
    static void print(Evaluation e, List<String> classNames, PrintStream out) {
        int[][] cm = e.confusionMatrix();
        double[] p = Metrics.precision(cm);
        double[] r = Metrics.recall(cm);
        double[] f = Metrics.f1(cm);
        int n = e.labels().length;
        out.printf(Locale.ROOT, "accuracy: %.4f (%d of %d)%n", e.accuracy(), Metrics.correct(e.labels(), e.predictions()), n);
        out.printf(Locale.ROOT, "log-loss: %.4f%n", e.loss());
        int w = Math.max(9, classNames.stream().mapToInt(String::length).max().orElse(1) + 3);
        out.println();
        out.printf(Locale.ROOT, "%-" + w + "s  %9s  %9s  %9s  %7s%n", "class", "precision", "recall", "f1", "support");
        double[] macro = new double[3];
        for (int c = 0; c < cm.length; c++) {
            int support = 0;
            for (int v : cm[c]) {
                support += v;
            }
            out.printf(Locale.ROOT, "%-" + w + "s  %9s  %9s  %9.4f  %7d%n", classNames.get(c), fmt(p[c]), fmt(r[c]), f[c], support);
            macro[0] += Double.isNaN(p[c]) ? 0 : p[c];
            macro[1] += Double.isNaN(r[c]) ? 0 : r[c];
            macro[2] += f[c];
        }
        out.printf(Locale.ROOT, "%-" + w + "s  %9.4f  %9.4f  %9.4f  %7d%n", "macro avg", macro[0] / cm.length,
                macro[1] / cm.length, macro[2] / cm.length, n);
        out.println();
        out.println("confusion matrix (rows: true class, columns: predicted class):");
        int cw = 4;
        for (int[] row : cm) {
            for (int v : row) {
                cw = Math.max(cw, String.valueOf(v).length() + 1);
            }
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s ", ""));
        for (int c = 0; c < cm.length; c++) {
            head.append(String.format(Locale.ROOT, "%" + cw + "d", c));
        }
        out.println(head);
        for (int t = 0; t < cm.length; t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s ", rowLabel(t, classNames.get(t))));
            for (int v : cm[t]) {
                line.append(String.format(Locale.ROOT, "%" + cw + "d", v));
            }
            out.println(line);
        }
    }

    /** "3 cat" for a named class, just "3" when the name is the index itself. */
    private static String rowLabel(int index, String name) {
        return name.equals(String.valueOf(index)) ? name : index + " " + name;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
