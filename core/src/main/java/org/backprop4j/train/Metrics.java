package org.backprop4j.train;

/** Classification metrics from true and predicted class indices. */
public final class Metrics {
    private Metrics() {
    }

    /** Fraction of positions where the prediction equals the label. */
    public static double accuracy(int[] labels, int[] predictions) {
        requireSameLength(labels, predictions);
        if (labels.length == 0) {
            return Double.NaN;
        }
        return (double) correct(labels, predictions) / labels.length;
    }

    /** Number of positions where the prediction equals the label. */
    public static int correct(int[] labels, int[] predictions) {
        requireSameLength(labels, predictions);
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == predictions[i]) {
                c++;
            }
        }
        return c;
    }

    /** Counts [true class][predicted class]. */
    public static int[][] confusionMatrix(int[] labels, int[] predictions, int numClasses) {
        requireSameLength(labels, predictions);
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses || predictions[i] < 0 || predictions[i] >= numClasses) {
                throw new IllegalArgumentException("class index out of range [0, " + numClasses + ") at position " + i
                        + ": label " + labels[i] + ", prediction " + predictions[i]);
            }
            m[labels[i]][predictions[i]]++;
        }
        return m;
    }

    /** Per-class precision: TP / (TP + FP), NaN for a class never predicted. */
    public static double[] precision(int[][] confusion) {
        int k = confusion.length;
        double[] p = new double[k];
        for (int c = 0; c < k; c++) {
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[c];
            }
            p[c] = predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
        }
        return p;
    }

    /** Per-class recall: TP / (TP + FN), NaN for a class absent from the labels. */
    public static double[] recall(int[][] confusion) {
        int k = confusion.length;
        double[] r = new double[k];
        for (int c = 0; c < k; c++) {
            int actual = 0;
            for (int v : confusion[c]) {
                actual += v;
            }
            r[c] = actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
        }
        return r;
    }

    /** Per-class F1, the harmonic mean of precision and recall (0 when both are 0). */
    public static double[] f1(int[][] confusion) {
        double[] p = precision(confusion);
        double[] r = recall(confusion);
        double[] f = new double[p.length];
        for (int c = 0; c < f.length; c++) {
            f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
        }
        return f;
    }

    private static void requireSameLength(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " labels but " + b.length + " predictions");
        }
    }
}
