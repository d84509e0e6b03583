package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The element-wise, reduction and softmax kernels of every kernel set against scalar loops. */
class ElementwiseKernelsTest {
    private static final int[] SIZES = {1, 2, 7, 15, 16, 17, 31, 33, 100, 257};

    private static float[] random(SplittableRandom r, int n) {
        return KernelSetsTest.randomF(r, n);
    }

    @Test
    void elementwiseKernelsAreExact() {
        SplittableRandom r = new SplittableRandom(3);
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (int rows : new int[]{1, 3, 8}) {
                for (int cols : SIZES) {
                    int n = rows * cols;
                    float[] x = random(r, n);
                    float[] y = random(r, n);
                    float[] bias = random(r, cols);
                    float[] out = new float[n];
                    ks.add(x, 0, y, 0, out, 0, n);
                    for (int i = 0; i < n; i++) {
                        assertThat(out[i]).isEqualTo(x[i] + y[i]);
                    }
                    for (boolean relu : new boolean[]{false, true}) {
                        ks.biasAct(x, 0, bias, 0, out, 0, rows, cols, relu);
                        for (int i = 0; i < n; i++) {
                            float v = x[i] + bias[i % cols];
                            assertThat(out[i]).isEqualTo(relu ? Math.max(0f, v) : v);
                        }
                    }
                    ks.reluBackward(x, 0, y, 0, out, 0, n);
                    for (int i = 0; i < n; i++) {
                        assertThat(out[i]).isEqualTo(y[i] > 0 ? x[i] : 0f);
                    }
                    float[] z = y.clone();
                    ks.axpy(-0.3f, x, 0, z, 0, n);
                    for (int i = 0; i < n; i++) {
                        assertThat(z[i]).isEqualTo(Math.fma(-0.3f, x[i], y[i]));
                    }
                    float[] sums = random(r, cols);
                    float[] expected = sums.clone();
                    for (int row = 0; row < rows; row++) {
                        for (int c = 0; c < cols; c++) {
                            expected[c] += x[row * cols + c];
                        }
                    }
                    ks.columnSums(x, 0, rows, cols, sums, 0, true);
                    assertThat(sums).isEqualTo(expected);
                    double total = 0;
                    for (float v : x) {
                        total += v;
                    }
                    assertThat((double) ks.sum(x, 0, n)).isCloseTo(total, org.assertj.core.api.Assertions.within(1e-5 * n));
                }
            }
        }
    }

    @Test
    void softmaxRowsMatchDoublePrecision() {
        SplittableRandom r = new SplittableRandom(4);
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (int cols : SIZES) {
                int rows = 3;
                float[] x = random(r, rows * cols);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= 20;
                }
                float[] p = new float[x.length];
                float[] lp = new float[x.length];
                ks.softmaxRows(x, 0, p, 0, rows, cols, false);
                ks.softmaxRows(x, 0, lp, 0, rows, cols, true);
                for (int row = 0; row < rows; row++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < cols; c++) {
                        max = Math.max(max, x[row * cols + c]);
                    }
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        s += Math.exp(x[row * cols + c] - max);
                    }
                    for (int c = 0; c < cols; c++) {
                        int i = row * cols + c;
                        double ref = Math.exp(x[i] - max) / s;
                        assertThat((double) p[i]).as("%s softmax cols=%d", ks.name(), cols).isCloseTo(ref,
                                org.assertj.core.api.Assertions.within(1e-6));
                        assertThat((double) lp[i]).as("%s log-softmax cols=%d", ks.name(), cols)
                                .isCloseTo(x[i] - max - Math.log(s), org.assertj.core.api.Assertions.within(1e-4));
                    }
                }
            }
        }
    }
}
