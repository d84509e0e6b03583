package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Im2col}: every column-matrix entry is the input value its window position reads (or 0 in
 * the padding), and col2im is its adjoint: {@code <im2col(x), c> = <x, col2im(c)>} and, bit for bit, each
 * input value's entries summed from +0 in the order of the matrix's rows.
 */
class Im2colTest {
    // the windows whose output is as wide as the input at stride 1 take the one-run-per-row path
    private static final Window2d[] WINDOWS = {
        new Window2d(5, 6, 3, 3, 1, 1, 1, 1, 1, 1),
        new Window2d(6, 5, 5, 5, 1, 1, 2, 2, 1, 1),
        new Window2d(5, 7, 3, 3, 1, 1, 2, 2, 2, 2),
        new Window2d(3, 2, 3, 5, 1, 1, 1, 2, 1, 1),
        new Window2d(1, 9, 1, 3, 1, 1, 0, 1, 1, 1),
        new Window2d(7, 5, 2, 3, 2, 1, 0, 2, 2, 1),
        new Window2d(4, 4, 1, 1, 1, 1, 0, 0, 1, 1),
        new Window2d(5, 6, 3, 3, 1, 1, 1, 0, 1, 1),
        new Window2d(6, 6, 3, 2, 3, 2, 2, 1, 1, 2),
    };

    @Test
    void entriesAreTheValuesEachWindowReads() {
        for (Window2d g : WINDOWS) {
            int channels = 2;
            double[] x = new double[channels * g.inPlane()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            double[] cols = new double[channels * g.kh() * g.kw() * g.outPlane()];
            java.util.Arrays.fill(cols, Double.NaN); // every entry must be written
            Im2colF64.im2col(x, 0, channels, g, cols, 0);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < g.kh(); i++) {
                    for (int j = 0; j < g.kw(); j++) {
                        for (int r = 0; r < g.outH(); r++) {
                            for (int q = 0; q < g.outW(); q++) {
                                int y = r * g.sh() - g.ph() + i * g.dh();
                                int xx = q * g.sw() - g.pw() + j * g.dw();
                                double want = y >= 0 && y < g.h() && xx >= 0 && xx < g.w()
                                        ? x[(c * g.h() + y) * g.w() + xx] : 0;
                                int row = (c * g.kh() + i) * g.kw() + j;
                                assertThat(cols[row * g.outPlane() + r * g.outW() + q]).as(g + " row " + row)
                                        .isEqualTo(want);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2colInBothPrecisionsAndKernelSets() {
        adjoint(Kernels.plain());
        if (Kernels.vector() != null) {
            adjoint(Kernels.vector());
        }
    }

    private static void adjoint(KernelSet ks) {
        Random rnd = new Random(3);
        for (Window2d g : WINDOWS) {
            int channels = 3;
            int n = channels * g.inPlane();
            int m = channels * g.kh() * g.kw() * g.outPlane();
            double[] x = rnd.doubles(n, -1, 1).toArray();
            double[] c = rnd.doubles(m, -1, 1).toArray();
            double[] cols = new double[m + 5];
            double[] back = new double[n + 7];
            Im2colF64.im2col(x, 0, channels, g, cols, 5);
            Im2colF64.col2im(ks, c.clone(), 0, channels, g, back, 7);
            double left = 0;
            double right = 0;
            for (int i = 0; i < m; i++) {
                left += cols[5 + i] * c[i];
            }
            for (int i = 0; i < n; i++) {
                right += x[i] * back[7 + i];
            }
            assertThat(left).as(ks.name() + " " + g).isCloseTo(right, within(1e-12));
            float[] xf = new float[n];
            float[] cf = new float[m];
            for (int i = 0; i < n; i++) {
                xf[i] = (float) x[i];
            }
            for (int i = 0; i < m; i++) {
                cf[i] = (float) c[i];
            }
            float[] colsF = new float[m];
            float[] backF = new float[n];
            Im2col.im2col(xf, 0, channels, g, colsF, 0);
            Im2col.col2im(ks, cf, 0, channels, g, backF, 0);
            for (int i = 0; i < m; i++) {
                assertThat(colsF[i]).isEqualTo((float) cols[5 + i]);
            }
            for (int i = 0; i < n; i++) {
                assertThat((double) backF[i]).isCloseTo(back[7 + i], within(1e-5));
            }
        }
    }

    @Test
    void col2imSumsEachInputsEntriesInRowOrderBitForBit() {
        Window2d[] windows = java.util.Arrays.copyOf(WINDOWS, WINDOWS.length + 1);
        windows[WINDOWS.length] = new Window2d(14, 14, 3, 3, 1, 1, 1, 1, 1, 1); // workload C's conv2
        Random rnd = new Random(11);
        float[] awkward = {0f, -0f, Float.NaN, 1e30f, -1e30f, 3f, -3f};
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (Window2d g : windows) {
                for (int channels : new int[]{1, 3, 32}) {
                    int taps = g.kh() * g.kw();
                    float[] c = new float[channels * taps * g.outPlane()];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = rnd.nextInt(6) == 0 ? awkward[rnd.nextInt(awkward.length)] : (float) rnd.nextGaussian();
                    }
                    float[] expected = new float[channels * g.inPlane()];
                    double[] expectedD = new double[expected.length];
                    // direct: every input value, its taps in row order, each found by solving for the output position
                    for (int ch = 0; ch < channels; ch++) {
                        for (int y = 0; y < g.h(); y++) {
                            for (int x = 0; x < g.w(); x++) {
                                float sum = 0f;
                                double sumD = 0;
                                for (int i = 0; i < g.kh(); i++) {
                                    for (int j = 0; j < g.kw(); j++) {
                                        int oy = y + g.ph() - i * g.dh();
                                        int ox = x + g.pw() - j * g.dw();
                                        if (oy < 0 || ox < 0 || oy % g.sh() != 0 || ox % g.sw() != 0
                                                || oy / g.sh() >= g.outH() || ox / g.sw() >= g.outW()) {
                                            continue;
                                        }
                                        float v = c[((ch * g.kh() + i) * g.kw() + j) * g.outPlane()
                                                + oy / g.sh() * g.outW() + ox / g.sw()];
                                        sum += v;
                                        sumD += v;
                                    }
                                }
                                expected[ch * g.inPlane() + y * g.w() + x] = sum;
                                expectedD[ch * g.inPlane() + y * g.w() + x] = sumD;
                            }
                        }
                    }
                    float[] back = new float[expected.length + 3];
                    java.util.Arrays.fill(back, 42f);
                    Im2col.col2im(ks, c.clone(), 0, channels, g, back, 2);
                    double[] cd = new double[c.length];
                    for (int i = 0; i < c.length; i++) {
                        cd[i] = c[i];
                    }
                    double[] backD = new double[expected.length];
                    Im2colF64.col2im(ks, cd, 0, channels, g, backD, 0);
                    String what = ks.name() + " " + g + " channels " + channels;
                    assertThat(back[0]).as(what).isEqualTo(42f);
                    assertThat(back[1]).as(what).isEqualTo(42f);
                    assertThat(back[back.length - 1]).as(what).isEqualTo(42f);
                    for (int i = 0; i < expected.length; i++) {
                        assertThat(Float.floatToRawIntBits(back[2 + i])).as(what + " input " + i)
                                .isEqualTo(Float.floatToRawIntBits(expected[i]));
                        assertThat(Double.doubleToRawLongBits(backD[i])).as("float64 " + what + " input " + i)
                                .isEqualTo(Double.doubleToRawLongBits(expectedD[i]));
                    }
                }
            }
        }
    }
}
