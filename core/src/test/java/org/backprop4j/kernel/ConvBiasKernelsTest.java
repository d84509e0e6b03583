package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * A convolution's bias passes ({@link Conv2dKernels#biasGradient} in float32 and float64) against sums written here:
 * bit for bit against the documented order (per channel from 0, the planes in ascending image order, each plane in
 * eight interleaved chains), and close to a plain double sum, on 1, 2 and 3 threads, over planes of every length
 * modulo 8 and channel counts that split unevenly.
 */
class ConvBiasKernelsTest {

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
