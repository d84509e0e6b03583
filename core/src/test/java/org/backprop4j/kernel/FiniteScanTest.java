package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NaN/infinity scan of every kernel set and of the split facade against Float.isFinite element by element. */
class FiniteScanTest {
    private static final float[] BAD = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7fc01234)};
    private static final float[] EXTREME_BUT_FINITE = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f};

    private static boolean bruteForce(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyKernelSetFindsABadValueAtEveryPosition() {
        SplittableRandom r = new SplittableRandom(5);
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (int n : new int[]{0, 1, 7, 15, 16, 17, 33, 100}) {
                float[] x = KernelSetsTest.randomF(r, n + 2);
                for (int i = 0; i < n + 2; i++) {
                    x[i] = EXTREME_BUT_FINITE[r.nextInt(EXTREME_BUT_FINITE.length)] * (r.nextBoolean() ? 1 : 0.5f);
                }
                assertThat(ks.allFinite(x, 1, n)).as("%s n=%d finite", ks.name(), n).isTrue();
                for (int at = 0; at < n + 2; at++) {
                    float keep = x[at];
                    x[at] = BAD[at % BAD.length];
                    assertThat(ks.allFinite(x, 1, n)).as("%s n=%d bad at %d", ks.name(), n, at)
                            .isEqualTo(bruteForce(x, 1, n));
                    x[at] = keep;
                }
            }
        }
    }

    @Test
    void splitScanFindsABadValueWhateverTheThreadCount() {
        int before = Kernels.threads();
        try {
            int n = 5 * Elementwise.PARALLEL_ELEMENTS + 3;
            float[] x = KernelSetsTest.randomF(new SplittableRandom(6), n);
            for (int threads : new int[]{1, 2, 3}) {
                Kernels.setThreads(threads);
                assertThat(Reductions.allFinite(x)).isTrue();
                for (int at : new int[]{0, 1, n / 3, n / 2, n - 2, n - 1}) {
                    for (float bad : BAD) {
                        float keep = x[at];
                        x[at] = bad;
                        assertThat(Reductions.allFinite(x)).as("threads %d, %s at %d", threads, bad, at).isFalse();
                        x[at] = keep;
                    }
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }
}
