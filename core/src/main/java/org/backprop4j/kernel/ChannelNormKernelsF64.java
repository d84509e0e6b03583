// GENERATED from ChannelNormKernels.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

/**
 * Batch-normalisation passes over an array laid out {@code [N, C, S]} (S = 1 for {@code [N, C]},
 * {@code H·W} for images), one channel at a time: per-channel sums are taken in double in a fixed
 * order and the work is split by channels over the shared pool, so results do not depend on the
 * thread count. With {@code M = N·S} values per channel and {@code xhat = (x - mean) · invStd}.
 */
public final class ChannelNormKernelsF64 {
    private static final int PARALLEL_VALUES = 1 << 14;

    private ChannelNormKernelsF64() {
    }

    private static void eachChannel(int n, int c, int s, Parallel.Range body) {
        Parallel.forRange(c, Math.max(1, PARALLEL_VALUES / Math.max(1, n * s)), body);
    }

    /** Per-channel mean and biased variance {@code sum((x - mean)^2) / M} (two passes). */
    public static void stats(double[] x, int n, int c, int s, double[] mean, double[] var) {
        eachChannel(n, c, s, (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int k = (i * c + ch) * s, end = k + s; k < end; k++) {
                        sum += x[k];
                    }
                }
                double m = sum / ((long) n * s);
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    for (int k = (i * c + ch) * s, end = k + s; k < end; k++) {
                        double d = x[k] - m;
                        sq += d * d;
                    }
                }
                mean[ch] = m;
                var[ch] = sq / ((long) n * s);
            }
        });
    }

    /** {@code y = x · scale[c] + shift[c]} (in double, rounded once): the normalisation with γ and β folded in. */
    public static void affine(double[] x, int n, int c, int s, double[] scale, double[] shift, double[] y) {
        eachChannel(n, c, s, (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                for (int i = 0; i < n; i++) {
                    for (int k = (i * c + ch) * s, end = k + s; k < end; k++) {
                        y[k] = (x[k] * scale[ch] + shift[ch]);
                    }
                }
            }
        });
    }

    /**
     * The backward pass: {@code sumDy[c] = sum dy} (dβ) and {@code sumDyXhat[c] = sum dy · xhat} (dγ);
     * when dx is not null it is overwritten with {@code gain[c] · (dy - sumDy/M - xhat · sumDyXhat/M)}
     * if the statistics came from this batch ({@code batchStats}), else with {@code gain[c] · dy};
     * gain is {@code γ · invStd}.
     */
    public static void backward(double[] x, double[] dy, int n, int c, int s, double[] mean, double[] invStd,
                                double[] gain, boolean batchStats, double[] sumDy, double[] sumDyXhat, double[] dx) {
        double count = (double) n * s;
        eachChannel(n, c, s, (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                double m = mean[ch];
                double is = invStd[ch];
                double sg = 0;
                double sgx = 0;
                for (int i = 0; i < n; i++) {
                    for (int k = (i * c + ch) * s, end = k + s; k < end; k++) {
                        sg += dy[k];
                        sgx += dy[k] * (x[k] - m) * is;
                    }
                }
                sumDy[ch] = sg;
                sumDyXhat[ch] = sgx;
                if (dx == null) {
                    continue;
                }
                double meanG = batchStats ? sg / count : 0;
                double meanGX = batchStats ? sgx / count : 0;
                for (int i = 0; i < n; i++) {
                    for (int k = (i * c + ch) * s, end = k + s; k < end; k++) {
                        dx[k] = (gain[ch] * (dy[k] - meanG - (x[k] - m) * is * meanGX));
                    }
                }
            }
        });
    }
}
