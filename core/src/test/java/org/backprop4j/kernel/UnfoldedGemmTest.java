package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelSet#gemmUnfolded}, {@code C (+)= op(A) · cols(x)} with op(B) the column matrix of the planes x:
 * against the reference GEMM on the column matrix that {@link Im2col} unfolds, and the same bits in both kernel
 * sets (the Vector API set packs its panels straight from the planes when the window keeps the width at stride 1).
 * Windows: "same" ones of several kernel sizes, dilations and paddings, on planes whose position counts end in a
 * partial vector or panel, one with only some rows or columns padded, and one that is not "same" (the unfolding path).
 */
class UnfoldedGemmTest {
    private static final Window2d[] WINDOWS = {
        new Window2d(14, 14, 3, 3, 1, 1, 1, 1, 1, 1),
        new Window2d(5, 6, 3, 3, 1, 1, 1, 1, 1, 1),
        new Window2d(7, 9, 5, 5, 1, 1, 2, 2, 1, 1),
        new Window2d(6, 11, 3, 3, 1, 1, 2, 2, 2, 2),
        new Window2d(4, 13, 1, 3, 1, 1, 0, 1, 1, 1),
        new Window2d(9, 7, 3, 1, 1, 1, 1, 0, 1, 1),
        new Window2d(1, 50, 1, 5, 1, 1, 0, 2, 1, 1),
        new Window2d(3, 3, 3, 3, 1, 1, 1, 1, 1, 1),
        new Window2d(8, 8, 3, 3, 1, 1, 0, 0, 1, 1),
        new Window2d(6, 5, 3, 3, 2, 2, 1, 1, 1, 1),
    };

    @Test
    void matchesTheReferenceOnTheColumnMatrixWithTheSameBitsInBothSets() {
        SplittableRandom r = new SplittableRandom(21);
        int cases = 0;
        for (Window2d g : WINDOWS) {
            for (int channels : new int[]{1, 3, 120}) { // 120 x 9 rows: two K blocks
                for (int m : new int[]{1, 9, 32}) {
                    int k = channels * g.kh() * g.kw();
                    int n = g.outPlane();
                    boolean ta = r.nextBoolean();
                    boolean acc = r.nextBoolean();
                    int xo = r.nextInt(4);
                    float[] a = KernelSetsTest.randomF(r, m * k);
                    float[] x = KernelSetsTest.randomF(r, xo + channels * g.inPlane() + r.nextInt(3));
                    float[] c0 = KernelSetsTest.randomF(r, m * n);
                    float[] cols = new float[k * n];
                    Im2col.im2col(x, xo, channels, g, cols, 0);
                    float[] expected = c0.clone();
                    GemmReference.gemm(ta, false, m, n, k, a, 0, cols, 0, expected, 0, acc);
                    float[] plain = null;
                    for (KernelSet ks : KernelSetsTest.sets()) {
                        float[] c = c0.clone();
                        float[] scratch = new float[5 + k * n];
                        Arrays.fill(scratch, Float.NaN); // the column matrix, if a set writes one, must be all written
                        ks.gemmUnfolded(ta, m, n, k, a, 0, x, xo, g, scratch, 5, c, 0, acc, 0, m, 0, n);
                        String what = String.format("%s %s: %d channels, m=%d ta=%s acc=%s", ks.name(), g, channels,
                                m, ta, acc);
                        for (int i = 0; i < c.length; i++) {
                            assertThat(Math.abs(c[i] - expected[i])).as(what + " at " + i)
                                    .isLessThan(2e-6f * (k + 2));
                        }
                        if (plain == null) {
                            plain = c;
                        } else {
                            assertThat(c).as(what).isEqualTo(plain);
                        }
                    }
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(WINDOWS.length * 9);
    }

    /** A block of C (rows [i0, i1), columns [j0, j1)) from both sets: the same bits, the rest of C untouched. */
    @Test
    void aBlockOfCHasTheSameBitsInBothSets() {
        if (Kernels.vector() == null) {
            return;
        }
        SplittableRandom r = new SplittableRandom(22);
        Window2d g = new Window2d(14, 14, 3, 3, 1, 1, 1, 1, 1, 1);
        int channels = 4;
        int m = 24;
        int k = channels * 9;
        int n = g.outPlane();
        float[] a = KernelSetsTest.randomF(r, m * k);
        float[] x = KernelSetsTest.randomF(r, channels * g.inPlane());
        for (int[] block : new int[][]{{0, 24, 0, 196}, {8, 16, 48, 96}, {3, 21, 17, 150}, {0, 24, 192, 196}}) {
            float[] c0 = KernelSetsTest.randomF(r, m * n);
            float[] plain = c0.clone();
            float[] vector = c0.clone();
            Kernels.plain().gemmUnfolded(true, m, n, k, a, 0, x, 0, g, new float[k * n], 0, plain, 0, true,
                    block[0], block[1], block[2], block[3]);
            Kernels.vector().gemmUnfolded(true, m, n, k, a, 0, x, 0, g, new float[k * n], 0, vector, 0, true,
                    block[0], block[1], block[2], block[3]);
            assertThat(vector).as(Arrays.toString(block)).isEqualTo(plain);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    if (i < block[0] || i >= block[1] || j < block[2] || j >= block[3]) {
                        assertThat(vector[i * n + j]).isEqualTo(c0[i * n + j]);
                    }
                }
            }
        }
    }
}
