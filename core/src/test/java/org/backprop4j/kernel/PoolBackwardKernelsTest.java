package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pooling backward kernels ({@link Pool2dKernels#maxBackward}, {@link Pool2dKernels#avgBackward} and
 * their float64 twins) overwrite every element of dx, whatever it held before, with the sums of a scatter
 * written here (each window's gradient added to its inputs, window by window in output order, starting
 * from +0), bit for bit: in both kernel sets, on 1, 2 and 3 threads, for many planes (several per thread),
 * overlapping, padded, dilated and 2x2 stride-2 windows, ReLU's mask (y > 0 for every kind of float y),
 * NaN and -0 gradients.
 */
class PoolBackwardKernelsTest {
    /** Values of y for ReLU's mask (y > 0): both zeros, negatives, NaN, the extremes and ordinary positives. */
    private static final float[] MASKS = {0f, -0f, -1f, -Float.MIN_VALUE, Float.NaN, -Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 0.5f, 2f, 0f, 0.25f};

    @Test
    void maxAndAverageBackwardOverwriteDxWithTheScatterSums() {
        SplittableRandom rnd = new SplittableRandom(12);
        int threadsBefore = Kernels.threads();
        String before = Kernels.implementation();
        try {
            for (String set : MaxPoolKernelsTest.kernelSets()) {
                Kernels.use(set);
                for (int threads = 1; threads <= 3; threads++) {
                    Kernels.setThreads(threads);
                    for (int t = 0; t < 60; t++) {
                        check(rnd, window(rnd, t), set + ", " + threads + " threads, case " + t);
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
            Kernels.use(before);
        }
    }

    @Test
    void aPlaneRangeOfHalvingWindowsWritesOnlyItsOwnInputs() {
        // a kernel set's 2x2 backward pass stores vectors past a row's end: never past its last plane (the next part's)
        SplittableRandom rnd = new SplittableRandom(6);
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (int h : new int[]{2, 3, 5, 8}) {
                for (int w = 2; w <= 70; w++) {
                    Window2d g = new Window2d(h, w, 2, 2, 2, 2, 0, 0, 1, 1);
                    int planes = 5;
                    int outs = planes * g.outPlane();
                    float[] dy = new float[outs];
                    float[] y = new float[outs];
                    float[] where = new float[outs];
                    for (int o = 0; o < outs; o++) {
                        dy[o] = rnd.nextInt(10) == 0 ? -0f : (float) rnd.nextDouble(-1, 1);
                        y[o] = MASKS[rnd.nextInt(MASKS.length)];
                        where[o] = tap(rnd, g, o % g.outPlane());
                    }
                    float[] dx = new float[planes * g.inPlane()];
                    Arrays.fill(dx, 42f);
                    if (!ks.maxBackward2x2(where, dy, y, g, 1, 3, dx)) {
                        continue; // no kernel of its own (the plain set)
                    }
                    double[] expected = maxScatter(toDouble(where), toDouble(dy), toDouble(y), planes, g, true);
                    for (int i = 0; i < dx.length; i++) {
                        boolean mine = i >= g.inPlane() && i < 3 * g.inPlane();
                        assertThat(Float.floatToRawIntBits(dx[i])).as(ks.name() + " " + g + " input " + i)
                                .isEqualTo(Float.floatToRawIntBits(mine ? (float) expected[i] : 42f));
                    }
                }
            }
        }
    }

    /**
     * Every third case is workload C's 2x2 stride-2 window (even and odd heights and widths, rows of windows narrower
     * than a vector of 8 or 16 lanes and up to several vectors wide); the others random (overlapping, padded, dilated).
     */
    private static Window2d window(SplittableRandom rnd, int t) {
        if (t % 3 == 0) {
            return new Window2d(2 + rnd.nextInt(29), 2 + rnd.nextInt(70), 2, 2, 2, 2, 0, 0, 1, 1);
        }
        int k = 1 + rnd.nextInt(3);
        int s = 1 + rnd.nextInt(3);
        int pad = rnd.nextInt(k / 2 + 1);
        int d = 1 + rnd.nextInt(2);
        return new Window2d(d * (k - 1) + 1 + rnd.nextInt(12), d * (k - 1) + 1 + rnd.nextInt(20), k, k, s, s, pad, pad,
                d, d);
    }

    private static void check(SplittableRandom rnd, Window2d g, String what) {
        // enough planes that a split gives each thread several (Pool2dKernels splits above 2^14 values)
        int planes = 1 + rnd.nextInt(Math.max(2, 3 * (1 << 14) / (g.inPlane() + g.outPlane())));
        int outs = planes * g.outPlane();
        float[] dy = new float[outs];
        float[] y = new float[outs];
        float[] where = new float[outs];
        for (int o = 0; o < outs; o++) {
            int r = rnd.nextInt(20);
            dy[o] = r == 0 ? Float.NaN : r == 1 ? -0f : (float) rnd.nextDouble(-1, 1);
            y[o] = MASKS[rnd.nextInt(MASKS.length)];
            where[o] = tap(rnd, g, o % g.outPlane());
        }
        for (boolean relu : new boolean[]{false, true}) {
            float[] mask = relu ? y : null;
            float[] dx = garbage(planes * g.inPlane());
            Pool2dKernels.maxBackward(where, dy, mask, planes, g, dx);
            same(toDouble(dx), "max " + what + " relu " + relu + " " + g,
                    maxScatter(toDouble(where), toDouble(dy), relu ? toDouble(y) : null, planes, g, true));
            double[] dxd = new double[dx.length];
            Arrays.fill(dxd, Double.NaN);
            Pool2dKernelsF64.maxBackward(toDouble(where), toDouble(dy), relu ? toDouble(y) : null, planes, g, dxd);
            same(dxd, "max f64 " + what + " relu " + relu,
                    maxScatter(toDouble(where), toDouble(dy), relu ? toDouble(y) : null, planes, g, false));
        }
        float[] dx = garbage(planes * g.inPlane());
        Pool2dKernels.avgBackward(dy, planes, g, dx);
        same(toDouble(dx), "avg " + what + " " + g, avgScatter(toDouble(dy), planes, g, true));
        double[] dxd = new double[dx.length];
        Arrays.fill(dxd, Double.NaN);
        Pool2dKernelsF64.avgBackward(toDouble(dy), planes, g, dxd);
        same(dxd, "avg f64 " + what + " " + g, avgScatter(toDouble(dy), planes, g, false));
    }

    /** a + b in float32 arithmetic (the double sum of two floats rounded once is their float sum) or in float64. */
    private static double add(double a, double b, boolean single) {
        return single ? (float) (a + b) : a + b;
    }

    /** A random input of output o's window inside the plane (flat index within the plane), as a winner is. */
    private static int tap(SplittableRandom rnd, Window2d g, int o) {
        int r = o / g.outW();
        int q = o % g.outW();
        for (;;) {
            int yy = r * g.sh() - g.ph() + rnd.nextInt(g.kh()) * g.dh();
            int xx = q * g.sw() - g.pw() + rnd.nextInt(g.kw()) * g.dw();
            if (yy >= 0 && yy < g.h() && xx >= 0 && xx < g.w()) {
                return yy * g.w() + xx;
            }
        }
    }

    /** The max-pooling scatter in float32 ({@code single}) or float64 arithmetic. */
    private static double[] maxScatter(double[] where, double[] dy, double[] y, int planes, Window2d g, boolean single) {
        double[] dx = new double[planes * g.inPlane()];
        for (int o = 0; o < dy.length; o++) {
            int at = o / g.outPlane() * g.inPlane() + (int) where[o];
            dx[at] = add(dx[at], y == null || y[o] > 0 ? dy[o] : 0, single);
        }
        return dx;
    }

    /** The average-pooling scatter in float32 ({@code single}: the quotient of two floats, rounded once) or float64. */
    private static double[] avgScatter(double[] dy, int planes, Window2d g, boolean single) {
        double[] dx = new double[planes * g.inPlane()];
        double divisor = g.kh() * g.kw();
        for (int o = 0; o < dy.length; o++) {
            int p = o / g.outPlane();
            int r = o % g.outPlane() / g.outW();
            int q = o % g.outW();
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int yy = r * g.sh() - g.ph() + i * g.dh();
                    int xx = q * g.sw() - g.pw() + j * g.dw();
                    if (yy >= 0 && yy < g.h() && xx >= 0 && xx < g.w()) {
                        int at = p * g.inPlane() + yy * g.w() + xx;
                        dx[at] = add(dx[at], single ? (float) (dy[o] / divisor) : dy[o] / divisor, single);
                    }
                }
            }
        }
        return dx;
    }

    /** Bit for bit (NaN equals NaN, -0 differs from +0); on a mismatch, the first differing element. */
    private static void same(double[] actual, String what, double[] expected) {
        if (!Arrays.equals(actual, expected)) {
            int i = Arrays.mismatch(actual, expected);
            // as bits (NaNs made one): a double assertion would take -0 for +0
            assertThat(Double.doubleToLongBits(actual[i]))
                    .as(what + ", element " + i + ": " + actual[i] + " for " + expected[i]).isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    private static float[] garbage(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
