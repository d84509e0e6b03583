package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.backprop4j.ndarray.Rng;

/** Every transpose variant of GEMM against the textbook triple loop in double precision. */
class GemmTest {

    /** Reference: C[i,j] = sum_p A[i,p] B[p,j], reading the transposed layouts explicitly. */
    private static double[] reference(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double aip = ta ? a[p * m + i] : a[i * k + p];
                    double bpj = tb ? b[j * k + p] : b[p * n + j];
                    s += aip * bpj;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static double[] random(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble() * 2 - 1;
        }
        return v;
    }

    @Property(tries = 60)
    void doubleMatchesReference(@ForAll @IntRange(min = 1, max = 37) int m, @ForAll @IntRange(min = 1, max = 37) int n,
                                @ForAll @IntRange(min = 1, max = 37) int k, @ForAll boolean ta, @ForAll boolean tb) {
        Rng rng = new Rng(m * 10007L + n * 101L + k);
        double[] a = random(rng, m * k);
        double[] b = random(rng, k * n);
        double[] c = new double[m * n + 3];
        Gemm.gemm(ta, tb, m, n, k, a, 0, b, 0, c, 3, false);
        double[] expected = reference(ta, tb, m, n, k, a, b);
        for (int i = 0; i < m * n; i++) {
            assertThat(c[3 + i]).isCloseTo(expected[i], within(1e-12));
        }
        Gemm.gemm(ta, tb, m, n, k, a, 0, b, 0, c, 3, true);
        for (int i = 0; i < m * n; i++) {
            assertThat(c[3 + i]).isCloseTo(2 * expected[i], within(2e-12));
        }
    }

    @Property(tries = 60)
    void floatMatchesReference(@ForAll @IntRange(min = 1, max = 37) int m, @ForAll @IntRange(min = 1, max = 37) int n,
                               @ForAll @IntRange(min = 1, max = 37) int k, @ForAll boolean ta, @ForAll boolean tb) {
        Rng rng = new Rng(m * 7919L + n * 31L + k);
        double[] a = random(rng, m * k);
        double[] b = random(rng, k * n);
        float[] af = new float[a.length];
        float[] bf = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            af[i] = (float) a[i];
            a[i] = af[i];
        }
        for (int i = 0; i < b.length; i++) {
            bf[i] = (float) b[i];
            b[i] = bf[i];
        }
        float[] c = new float[m * n];
        Gemm.gemm(ta, tb, m, n, k, af, 0, bf, 0, c, 0, false);
        double[] expected = reference(ta, tb, m, n, k, a, b);
        for (int i = 0; i < m * n; i++) {
            assertThat((double) c[i]).isCloseTo(expected[i], within(k * 1e-6));
        }
    }
}
