package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * A convolution's bias passes. The forward pass's GEMM that starts C's rows at the bias
 * ({@link KernelSet#gemmBlock} with a row bias) against C filled with the bias and the GEMM accumulating onto it (the
 * convolution's former two passes), bit for bit, in both kernel sets, float32 and float64, on blocks of C at any
 * offset and shapes that take every register tile, edge tile and several K blocks. The bias gradient
 * ({@link Conv2dKernels#biasGradient} in float32 and float64) against sums written here: bit for bit against the
 * documented order (per channel from 0, the planes in ascending image order, each plane in eight interleaved chains),
 * and close to a plain double sum, on 1, 2 and 3 threads, over planes of every length modulo 8 and channel counts
 * that split unevenly.
 */
class ConvBiasKernelsTest {
    private static final int[] M = {1, 7, 8, 9, 17, 32, 33, 64};
    private static final int[] N = {1, 3, 4, 15, 16, 17, 33, 48, 49, 196};
    private static final int[] K = {1, 9, 31, 288, 1025, 2049};

    @Test
    void aRowBiasStartsCAsAFilledCWould() {
        SplittableRandom rnd = new SplittableRandom(22);
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (int t = 0; t < 150; t++) {
                int m = M[rnd.nextInt(M.length)];
                int n = N[rnd.nextInt(N.length)];
                int k = K[rnd.nextInt(K.length)];
                boolean ta = rnd.nextBoolean();
                boolean tb = rnd.nextBoolean();
                boolean whole = rnd.nextBoolean(); // else a block, as a thread's part of C
                int i0 = whole ? 0 : rnd.nextInt(m);
                int i1 = whole ? m : i0 + 1 + rnd.nextInt(m - i0);
                int j0 = whole ? 0 : rnd.nextInt(n);
                int j1 = whole ? n : j0 + 1 + rnd.nextInt(n - j0);
                int biasOff = rnd.nextInt(3);
                String what = ks.name() + " m " + m + " n " + n + " k " + k + " ta " + ta + " tb " + tb + " rows [" + i0
                        + ", " + i1 + ") columns [" + j0 + ", " + j1 + ")";
                float[] a = KernelSetsTest.randomF(rnd, m * k);
                float[] b = KernelSetsTest.randomF(rnd, k * n);
                float[] bias = KernelSetsTest.randomF(rnd, biasOff + m);
                float[] filled = KernelSetsTest.randomF(rnd, m * n);
                float[] started = filled.clone();
                for (int i = i0; i < i1; i++) {
                    java.util.Arrays.fill(filled, i * n + j0, i * n + j1, bias[biasOff + i]);
                }
                ks.gemmBlock(ta, tb, m, n, k, a, 0, b, 0, filled, 0, true, i0, i1, j0, j1);
                ks.gemmBlock(ta, tb, m, n, k, a, 0, b, 0, started, 0, false, bias, biasOff, i0, i1, j0, j1);
                assertThat(started).as(what).isEqualTo(filled);
                double[] ad = toDouble(a);
                double[] bd = toDouble(b);
                double[] biasd = toDouble(bias);
                double[] filledd = KernelSetsTest.randomD(rnd, m * n);
                double[] startedd = filledd.clone();
                for (int i = i0; i < i1; i++) {
                    java.util.Arrays.fill(filledd, i * n + j0, i * n + j1, biasd[biasOff + i]);
                }
                ks.gemmBlock(ta, tb, m, n, k, ad, 0, bd, 0, filledd, 0, true, i0, i1, j0, j1);
                ks.gemmBlock(ta, tb, m, n, k, ad, 0, bd, 0, startedd, 0, false, biasd, biasOff, i0, i1, j0, j1);
                assertThat(startedd).as("float64 " + what).isEqualTo(filledd);
            }
        }
    }

    @Test
    void biasGradientSumsEachChannelInImageOrder() {
        SplittableRandom rnd = new SplittableRandom(21);
        int threadsBefore = Kernels.threads();
        try {
            for (int t = 0; t < 40; t++) {
                int side = 1 + rnd.nextInt(12);
                Conv2dShape s = new Conv2dShape(1 + rnd.nextInt(20), 1 + rnd.nextInt(3), 1 + rnd.nextInt(9), 1,
                        new Window2d(side, side + rnd.nextInt(3), 1, 1, 1, 1, 0, 0, 1, 1));
                double[] dyd = KernelSetsTest.randomD(rnd, s.batch() * s.outImage());
                float[] dy = new float[dyd.length];
                for (int i = 0; i < dy.length; i++) {
                    dy[i] = (float) dyd[i];
                }
                for (int threads = 1; threads <= 3; threads++) {
                    Kernels.setThreads(threads);
                    float[] db = new float[s.outChannels()];
                    Conv2dKernels.biasGradient(s, dy, db);
                    double[] dbd = new double[s.outChannels()];
                    Conv2dKernels.biasGradient(s, dyd, dbd);
                    for (int o = 0; o < s.outChannels(); o++) {
                        String what = "case " + t + " " + s + " channel " + o + " on " + threads + " threads";
                        double[] wantF = channelSum(toDouble(dy), s, o);
                        double[] wantD = channelSum(dyd, s, o);
                        assertThat(Float.floatToRawIntBits(db[o])).as(what).isEqualTo(Float.floatToRawIntBits((float) wantF[0]));
                        assertThat(Double.doubleToRawLongBits(dbd[o])).as("float64 " + what)
                                .isEqualTo(Double.doubleToRawLongBits(wantD[0]));
                        assertThat(dbd[o]).as("float64 " + what).isCloseTo(wantD[1], Offset.offset(1e-9));
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
        }
    }

    /** Channel o's sum over images and positions: {documented order, plain ascending double sum}. */
    private static double[] channelSum(double[] dy, Conv2dShape s, int o) {
        int plane = s.window().outPlane();
        double ordered = 0;
        double plain = 0;
        for (int n = 0; n < s.batch(); n++) {
            int from = n * s.outImage() + o * plane;
            double[] chains = new double[8];
            int i = 0;
            for (; i + 8 <= plane; i += 8) {
                for (int c = 0; c < 8; c++) {
                    chains[c] += dy[from + i + c];
                }
            }
            for (; i < plane; i++) {
                chains[0] += dy[from + i];
            }
            ordered += ((chains[0] + chains[1]) + (chains[2] + chains[3])) + ((chains[4] + chains[5]) + (chains[6] + chains[7]));
            for (int j = 0; j < plane; j++) {
                plain += dy[from + j];
            }
        }
        return new double[]{ordered, plain};
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
