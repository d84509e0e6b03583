package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Max pooling's forward kernels of both kernel sets (the Vector API's 2x2 stride-2 kernel, the
 * branch-free scalar scan) against a direct search written here: outputs bit for bit and winners,
 * with ties in every one of the 15 tap patterns of a 2x2 window and NaNs in every pattern, at every
 * lane of the vectors and in the scalar tails (row widths below, at and above the vector width, odd
 * input widths, arrays that end at the last window), on partial plane ranges, and in float64; each
 * also with ReLU fused, against the winner in {@code max(0, x)}.
 */
class MaxPoolKernelsTest {
    // output widths 1 .. 2·16 + 1: below, at and above one and two vectors of 16 lanes (and of 8)
    private static final int[] OUT_WIDTHS = {1, 2, 3, 7, 8, 9, 14, 15, 16, 17, 31, 32, 33};

    static List<String> kernelSets() {
        List<String> sets = new ArrayList<>(List.of("plain"));
        if (Kernels.vectorAvailable()) {
            sets.add("vector");
        }
        return sets;
    }

    /**
     * Flat index within the plane of the winner of window (r, q): the last NaN when the window has
     * one, else the first tap in row-major order equal to the largest value.
     */
    static int winner(double[] plane, Window2d g, int r, int q) {
        List<Integer> taps = new ArrayList<>();
        for (int i = 0; i < g.kh(); i++) {
            for (int j = 0; j < g.kw(); j++) {
                int y = r * g.sh() - g.ph() + i * g.dh();
                int x = q * g.sw() - g.pw() + j * g.dw();
                if (y >= 0 && y < g.h() && x >= 0 && x < g.w()) {
                    taps.add(y * g.w() + x);
                }
            }
        }
        int lastNaN = -1;
        double largest = Double.NEGATIVE_INFINITY;
        for (int t : taps) {
            lastNaN = Double.isNaN(plane[t]) ? t : lastNaN;
            largest = Double.isNaN(plane[t]) ? largest : Math.max(largest, plane[t]);
        }
        if (lastNaN >= 0) {
            return lastNaN;
        }
        for (int t : taps) {
            if (plane[t] == largest) {
                return t;
            }
        }
        throw new AssertionError("window without a tap");
    }

    /**
     * Checks maxForward in float32 and float64 on x [planes, g.h, g.w] against {@link #winner}, plain and
     * with ReLU fused (then against the winner in {@code max(0, x)}, NaN and -0 read as +0).
     */
    private static void check(String set, float[] x, int planes, Window2d g, String what) {
        check(set, x, planes, g, false, what);
        check(set, x, planes, g, true, "relu " + what);
    }

    private static void check(String set, float[] x, int planes, Window2d g, boolean relu, String what) {
        float[] y = new float[planes * g.outPlane()];
        float[] where = new float[y.length];
        Pool2dKernels.maxForward(x, planes, g, relu, y, where);
        double[] xd = new double[x.length];
        double[] read = new double[x.length]; // the values pooled
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
            read[i] = relu ? (x[i] > 0 ? x[i] : 0.0) : x[i];
        }
        double[] yd = new double[y.length];
        double[] whered = new double[y.length];
        Pool2dKernelsF64.maxForward(xd, planes, g, relu, yd, whered);
        for (int p = 0, o = 0; p < planes; p++) {
            double[] plane = Arrays.copyOfRange(read, p * g.inPlane(), (p + 1) * g.inPlane());
            for (int r = 0; r < g.outH(); r++) {
                for (int q = 0; q < g.outW(); q++, o++) {
                    int at = winner(plane, g, r, q);
                    String window = set + " " + what + " plane " + p + " window (" + r + ", " + q + ")";
                    assertThat(where[o]).as(window).isEqualTo(at);
                    assertThat(Float.floatToRawIntBits(y[o])).as(window)
                            .isEqualTo(Float.floatToRawIntBits((float) plane[at]));
                    assertThat(whered[o]).as("float64 " + window).isEqualTo(at);
                    assertThat(Double.doubleToRawLongBits(yd[o])).as("float64 " + window)
                            .isEqualTo(Double.doubleToRawLongBits(plane[at]));
                }
            }
        }
    }

    private static Window2d halving(int h, int w) {
        return new Window2d(h, w, 2, 2, 2, 2, 0, 0, 1, 1);
    }

    /**
     * Every window of every plane gets one tap pattern (a non-empty subset of its 4 taps, bit t for
     * tap t in row-major order): the taps in the subset hold the window's top value (or NaN), the
     * others smaller values. Patterns shift by one window per plane, so that over 15 planes each
     * window position (each lane) meets all 15 patterns.
     */
    private static float[] patterned(int planes, Window2d g, boolean nan, SplittableRandom rnd) {
        return patterned(planes, g, nan, false, rnd);
    }

    /**
     * As above; with {@code positive} the top value is 1.5 and the other taps hold what ReLU turns into
     * zeros that tie (negatives, -0, +0, NaN) or a smaller positive value.
     */
    private static float[] patterned(int planes, Window2d g, boolean nan, boolean positive, SplittableRandom rnd) {
        float[] below = {-1f, -0f, 0f, Float.NaN, 0.5f};
        float[] x = new float[planes * g.inPlane()];
        for (int p = 0; p < planes; p++) {
            int in = p * g.inPlane();
            for (int i = 0; i < g.inPlane(); i++) {
                x[in + i] = rnd.nextInt(3) - 3; // below every window's top value; odd rows and columns keep these
            }
            for (int r = 0; r < g.outH(); r++) {
                for (int q = 0; q < g.outW(); q++) {
                    int pattern = 1 + (r * g.outW() + q + p) % 15;
                    float top = positive ? 1.5f : rnd.nextBoolean() ? 0f : -0f; // zeros of either sign tie as well
                    for (int t = 0; t < 4; t++) {
                        int at = in + (2 * r + t / 2) * g.w() + 2 * q + t % 2;
                        if ((pattern >> t & 1) != 0) {
                            x[at] = nan ? Float.NaN : top;
                        } else if (positive) {
                            x[at] = below[rnd.nextInt(below.length)];
                        } else if (nan) {
                            x[at] = rnd.nextInt(5) - 2; // beside NaNs any value loses
                        }
                    }
                }
            }
        }
        return x;
    }

    @Test
    void everyTiePatternAtEveryLaneAndInTheTails() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (String set : kernelSets()) {
            String before = Kernels.implementation();
            Kernels.use(set);
            try {
                for (int ow : OUT_WIDTHS) {
                    for (int oddColumn = 0; oddColumn < 2; oddColumn++) {
                        for (int h : new int[]{2, 5}) {
                            Window2d g = halving(h, 2 * ow + oddColumn);
                            check(set, patterned(15, g, false, rnd), 15, g, "ties " + g);
                            check(set, patterned(15, g, true, rnd), 15, g, "NaNs " + g);
                            check(set, patterned(15, g, false, true, rnd), 15, g, true, "relu positive ties " + g);
                        }
                    }
                }
            } finally {
                Kernels.use(before);
            }
        }
    }

    @Test
    void randomValuesInEveryGeometry() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (String set : kernelSets()) {
            String before = Kernels.implementation();
            Kernels.use(set);
            try {
                for (int t = 0; t < 200; t++) {
                    int k = 1 + rnd.nextInt(3);
                    int s = 1 + rnd.nextInt(3);
                    int pad = rnd.nextInt(k / 2 + 1);
                    int d = 1 + rnd.nextInt(2);
                    int h = d * (k - 1) + 1 + rnd.nextInt(12);
                    int w = d * (k - 1) + 1 + rnd.nextInt(40);
                    Window2d g = t % 2 == 0 ? halving(2 + rnd.nextInt(9), 2 + rnd.nextInt(70))
                            : new Window2d(h, w, k, k, s, s, pad, pad, d, d);
                    int planes = 1 + rnd.nextInt(4);
                    float[] x = new float[planes * g.inPlane()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : (float) rnd.nextDouble(-1, 1);
                    }
                    check(set, x, planes, g, g.toString());
                }
            } finally {
                Kernels.use(before);
            }
        }
    }

    @Test
    void aPlaneRangeWritesOnlyItsOwnOutputs() {
        // a thread's part must not store a vector's spare lanes past its last plane (the next part's)
        SplittableRandom rnd = new SplittableRandom(5);
        for (KernelSet ks : KernelSetsTest.sets()) {
            for (int ow : OUT_WIDTHS) {
                Window2d g = halving(4, 2 * ow);
                int planes = 5;
                float[] x = KernelSetsTest.randomF(rnd, planes * g.inPlane());
                float[] y = new float[planes * g.outPlane()];
                float[] where = new float[y.length];
                Arrays.fill(y, 42f);
                Arrays.fill(where, 42f);
                if (!ks.maxPool2x2(x, g, false, 1, 3, y, where)) {
                    continue; // no kernel of its own (the plain set)
                }
                for (int o = 0; o < y.length; o++) {
                    boolean mine = o >= g.outPlane() && o < 3 * g.outPlane();
                    if (!mine) {
                        assertThat(y[o]).as(ks.name() + " ow " + ow + " output " + o).isEqualTo(42f);
                        assertThat(where[o]).as(ks.name() + " ow " + ow + " output " + o).isEqualTo(42f);
                    } else {
                        int p = o / g.outPlane();
                        int at = winner(toDouble(x, p * g.inPlane(), g.inPlane()), g, o % g.outPlane() / g.outW(),
                                o % g.outW());
                        assertThat(where[o]).isEqualTo(at);
                        assertThat(y[o]).isEqualTo(x[p * g.inPlane() + at]);
                    }
                }
            }
        }
    }

    private static double[] toDouble(float[] x, int from, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[from + i];
        }
        return d;
    }
}
