package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The element-wise and column-sum kernels of every kernel set against scalar loops. */
class ElementwiseKernelsTest {
    private static final int[] SIZES = {1, 2, 7, 15, 16, 17, 31, 33, 100, 257};

    private static float[] random(SplittableRandom r, int n) {
        return KernelSetsTest.randomF(r, n);
    }

    @Test
    void unsignedBytesToFloatsIsTheScalarDivisionForEveryByteValue() {
        byte[] all = new byte[256 + 40];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 37 + 11);
        }
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (float divisor : new float[]{255f, 1f, 3f, 0.1f}) {
                for (int n : new int[]{0, 1, 7, 15, 16, 17, 33, 256}) {
                    for (int off : new int[]{0, 3, 39}) {
                        float[] out = new float[n + 2];
                        out[0] = 42f;
                        ks.unsignedBytesToFloats(all, off, out, 1, n, divisor);
                        assertThat(out[0]).isEqualTo(42f); // untouched around the range
                        assertThat(out[n + 1]).isEqualTo(0f);
                        for (int i = 0; i < n; i++) {
                            assertThat(out[1 + i]).as("%s byte %d / %s", ks.name(), all[off + i] & 0xff, divisor)
                                    .isEqualTo((all[off + i] & 0xff) / divisor);
                        }
                    }
                }
            }
        }
    }

    @Test
    void unsignedByteRowsGathersScaledRowsWhateverTheThreadCount() {
        SplittableRandom r = new SplittableRandom(4);
        int rowLength = 784;
        byte[] src = new byte[500 * rowLength];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) r.nextInt(256);
        }
        int[] rows = new int[300];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextInt(500);
        }
        int before = Kernels.threads();
        try {
            for (int threads : new int[]{1, 2}) {
                Kernels.setThreads(threads);
                for (int count : new int[]{1, 41, 128, 255}) {
                    float[] out = new float[count * rowLength];
                    Elementwise.unsignedByteRows(src, rowLength, rows, 7, count, 255f, out);
                    for (int i = 0; i < count; i++) {
                        for (int j = 0; j < rowLength; j++) {
                            assertThat(out[i * rowLength + j]).isEqualTo((src[rows[7 + i] * rowLength + j] & 0xff) / 255f);
                        }
                    }
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
        int[] bad = {0, 500};
        assertThatThrownBy(() -> Elementwise.unsignedByteRows(src, rowLength, bad, 0, 2, 255f, new float[2 * rowLength]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row 500");
        assertThatThrownBy(() -> Elementwise.unsignedByteRows(src, rowLength, bad, 1, 2, 255f, new float[2 * rowLength]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 rows of 784 from 1");
    }

    /** The public wrappers split large arrays over the pool; the bits must not depend on that. */
    @Test
    void splitWrappersGiveTheSameBitsOnOneAndTwoThreadsAsOneKernelCall() {
        SplittableRandom r = new SplittableRandom(5);
        int before = Kernels.threads();
        try {
            for (int[] shape : new int[][]{{128, 256}, {400, 100}, {300, 100}, {64, 33}, {2000, 17}, {3, 5}}) {
                int rows = shape[0];
                int cols = shape[1];
                int n = rows * cols;
                float[] x = random(r, n);
                float[] y = random(r, n);
                float[] bias = random(r, cols);
                float[] sums0 = random(r, cols);
                KernelSet ks = Kernels.active();
                float[] biasRelu = new float[n];
                ks.biasAct(x, 0, bias, 0, biasRelu, 0, rows, cols, true);
                float[] relu = new float[n];
                ks.reluBackward(x, 0, y, 0, relu, 0, n);
                float[] sums = sums0.clone();
                ks.columnSums(x, 0, rows, cols, cols, sums, 0, true);
                float[] p = y.clone();
                ks.axpy(-0.25f, x, 0, p, 0, n);
                for (int threads : new int[]{1, 2}) {
                    Kernels.setThreads(threads);
                    float[] out = new float[n];
                    Elementwise.addBiasRelu(x, 0, bias, 0, out, 0, rows, cols);
                    assertThat(out).as("bias+relu %s, %d threads", java.util.Arrays.toString(shape), threads).isEqualTo(biasRelu);
                    Elementwise.reluBackward(x, 0, y, 0, out, 0, n);
                    assertThat(out).as("relu backward").isEqualTo(relu);
                    float[] s2 = sums0.clone();
                    Reductions.columnSums(x, 0, rows, cols, s2, 0, true);
                    assertThat(s2).as("column sums").isEqualTo(sums);
                    float[] p2 = y.clone();
                    OptimizerUpdates.sgd(p2, x, null, null, new SgdCoefficients().set(0.25, 0, 0, 0, false, true));
                    assertThat(p2).as("plain sgd: the fused multiply-add of axpy").isEqualTo(p);
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
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
                    ks.columnSums(x, 0, rows, cols, cols, sums, 0, true);
                    assertThat(sums).isEqualTo(expected);
                }
            }
        }
    }
}
