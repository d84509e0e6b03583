package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every GEMM variant of every kernel set (plain, and Vector API when the module is present) against
 * the scalar reference, on shapes with 1, odd sizes, primes and sizes just above every block size
 * (8-row tile, 16-lane vector, 32- and 48-column register tiles, 64 columns as two 32-column panels, 1024 K
 * block), in float32 and float64.
 */
class KernelSetsTest {
    private static final int[] M = {1, 2, 7, 8, 9, 13, 17, 31, 64, 97};
    private static final int[] N = {1, 3, 10, 15, 16, 17, 31, 32, 33, 47, 48, 49, 64, 97, 101};
    private static final int[] K = {1, 2, 5, 17, 31, 255, 257, 513, 1023, 1024, 1025, 2049};

    static List<KernelSet> sets() {
        List<KernelSet> sets = new ArrayList<>();
        sets.add(Kernels.plain());
        if (Kernels.vector() != null) {
            sets.add(Kernels.vector());
        }
        return sets;
    }

    static float[] randomF(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    static double[] randomD(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() * 2 - 1;
        }
        return v;
    }

    @Test
    void float32GemmMatchesReferenceOnEdgeShapes() {
        SplittableRandom r = new SplittableRandom(7);
        int cases = 0;
        for (KernelSet ks : sets()) {
            for (int t = 0; t < 160; t++) {
                int m = M[r.nextInt(M.length)];
                int n = N[r.nextInt(N.length)];
                int k = K[r.nextInt(K.length)];
                boolean ta = r.nextBoolean();
                boolean tb = r.nextBoolean();
                boolean acc = r.nextBoolean();
                int off = r.nextInt(3);
                float[] a = randomF(r, off + m * k);
                float[] b = randomF(r, off + k * n);
                float[] c = randomF(r, off + m * n);
                float[] expected = c.clone();
                GemmReference.gemm(ta, tb, m, n, k, a, off, b, off, expected, off, acc);
                Gemm.gemm(ks, ta, tb, m, n, k, a, off, b, off, c, off, acc);
                for (int i = 0; i < off; i++) {
                    assertThat(c[i]).as("untouched prefix").isEqualTo(expected[i]);
                }
                for (int i = off; i < c.length; i++) {
                    assertThat(Math.abs(c[i] - expected[i])).as("%s %s%s m=%d n=%d k=%d acc=%s at %d", ks.name(),
                            ta ? "T" : "N", tb ? "T" : "N", m, n, k, acc, i).isLessThan(2e-6f * (k + 2));
                }
                cases++;
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(160);
    }

    @Test
    void float64GemmMatchesReferenceOnEdgeShapes() {
        SplittableRandom r = new SplittableRandom(8);
        for (KernelSet ks : sets()) {
            for (int t = 0; t < 80; t++) {
                int m = M[r.nextInt(M.length)];
                int n = N[r.nextInt(N.length)];
                int k = K[r.nextInt(K.length)];
                boolean ta = r.nextBoolean();
                boolean tb = r.nextBoolean();
                boolean acc = r.nextBoolean();
                double[] a = randomD(r, m * k);
                double[] b = randomD(r, k * n);
                double[] c = randomD(r, m * n);
                double[] expected = c.clone();
                GemmReference.gemm(ta, tb, m, n, k, a, 0, b, 0, expected, 0, acc);
                Gemm.gemm(ks, ta, tb, m, n, k, a, 0, b, 0, c, 0, acc);
                for (int i = 0; i < c.length; i++) {
                    assertThat(Math.abs(c[i] - expected[i])).as("%s m=%d n=%d k=%d", ks.name(), m, n, k)
                            .isLessThan(1e-14 * (k + 2));
                }
            }
        }
    }

    @Test
    void zeroInnerDimensionClearsOrKeepsC() {
        for (KernelSet ks : sets()) {
            float[] c = {1, 2, 3, 4, 5, 6};
            Gemm.gemm(ks, false, false, 2, 3, 0, new float[0], 0, new float[0], 0, c, 0, true);
            assertThat(c).containsExactly(1, 2, 3, 4, 5, 6);
            Gemm.gemm(ks, false, false, 2, 3, 0, new float[0], 0, new float[0], 0, c, 0, false);
            assertThat(c).containsExactly(0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void vectorAndPlainGemmAreBitIdentical() {
        if (Kernels.vector() == null) {
            return;
        }
        SplittableRandom r = new SplittableRandom(9);
        int[][] shapes = {{128, 256, 784}, {784, 256, 128}, {128, 784, 256}, {128, 10, 256}, {9, 49, 257},
            {288, 64, 196}, {33, 97, 1100}};
        for (int[] s : shapes) {
            for (int v = 0; v < 4; v++) {
                boolean ta = (v & 1) != 0;
                boolean tb = (v & 2) != 0;
                float[] a = randomF(r, s[0] * s[2]);
                float[] b = randomF(r, s[2] * s[1]);
                float[] c1 = new float[s[0] * s[1]];
                float[] c2 = new float[s[0] * s[1]];
                Gemm.gemm(Kernels.plain(), ta, tb, s[0], s[1], s[2], a, 0, b, 0, c1, 0, false);
                Gemm.gemm(Kernels.vector(), ta, tb, s[0], s[1], s[2], a, 0, b, 0, c2, 0, false);
                assertThat(c2).as("%d x %d x %d, ta=%s tb=%s", s[0], s[1], s[2], ta, tb).isEqualTo(c1);
            }
        }
    }

    /**
     * A last panel narrower than a vector under a transposed A (the column tile, 2L rows and 4 columns at a time,
     * then the 8 x 1 and one-row tiles for the rows left): against the reference, and the same bits in both kernel sets.
     */
    @Test
    void fewEdgeColumnsUnderATransposedAMatchReferenceAndPlainBits() {
        SplittableRandom r = new SplittableRandom(11);
        int cases = 0;
        for (int m : new int[]{32, 33, 41, 64, 100, 288}) {
            for (int n : new int[]{1, 4, 10, 16, 49, 52, 61, 196}) {
                for (int k : new int[]{1, 9, 64, 1025}) {
                    boolean tb = r.nextBoolean();
                    boolean acc = r.nextBoolean();
                    float[] a = randomF(r, m * k);
                    float[] b = randomF(r, k * n);
                    float[] c0 = randomF(r, m * n);
                    float[] expected = c0.clone();
                    GemmReference.gemm(true, tb, m, n, k, a, 0, b, 0, expected, 0, acc);
                    float[] plain = c0.clone();
                    Gemm.gemm(Kernels.plain(), true, tb, m, n, k, a, 0, b, 0, plain, 0, acc);
                    for (int i = 0; i < plain.length; i++) {
                        assertThat(Math.abs(plain[i] - expected[i])).as("m=%d n=%d k=%d at %d", m, n, k, i)
                                .isLessThan(2e-6f * (k + 2));
                    }
                    if (Kernels.vector() != null) {
                        float[] vector = c0.clone();
                        Gemm.gemm(Kernels.vector(), true, tb, m, n, k, a, 0, b, 0, vector, 0, acc);
                        assertThat(vector).as("m=%d n=%d k=%d tb=%s acc=%s", m, n, k, tb, acc).isEqualTo(plain);
                    }
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(192);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(10);
        int before = Kernels.threads();
        try {
            // split by columns (in multiples of the vector width, so parts end in partial panels) or, for narrow C
            // ({512, 10, 256}, {100, 20, 700}), by rows; the small ones stay on one thread
            int[][] shapes = {{128, 256, 784}, {128, 10, 256}, {784, 256, 128}, {40, 101, 300}, {64, 33, 700},
                {16, 47, 999}, {128, 784, 256}, {512, 10, 256}, {100, 20, 700}};
            for (int[] s : shapes) {
                for (int v = 0; v < 4; v++) {
                    boolean ta = (v & 1) != 0;
                    boolean tb = (v & 2) != 0;
                    float[] a = randomF(r, s[0] * s[2]);
                    float[] b = randomF(r, s[2] * s[1]);
                    float[] one = new float[s[0] * s[1]];
                    float[] two = new float[s[0] * s[1]];
                    Kernels.setThreads(1);
                    Gemm.gemm(ta, tb, s[0], s[1], s[2], a, 0, b, 0, one, 0, false);
                    Kernels.setThreads(2);
                    for (int rep = 0; rep < 5; rep++) {
                        Gemm.gemm(ta, tb, s[0], s[1], s[2], a, 0, b, 0, two, 0, false);
                        assertThat(two).as("%d x %d x %d, ta=%s tb=%s", s[0], s[1], s[2], ta, tb).isEqualTo(one);
                    }
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }
}
