package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Winograd path of {@link Conv2dKernels} ({@link WinogradConv2d}: 3 x 3 kernels of stride 1, padding up to 2, at
 * least 32 channels in and out per group): the forward pass and the input gradient against brute-force loops in
 * double, over odd and even planes 5 to 15 wide and high, padding 0, 1 and 2 per axis, 1 and 2 groups, batches of 1,
 * 5 and 17 (chunks of images cut in the middle), with and without bias; the same bits on 1, 2 and 3 threads and in
 * both kernel sets; float64 through the same driver. The weight gradient ({@link WinogradWeightGradient}) likewise.
 * <p>The bound: each output's error against the exact sum is at most {@link #RELATIVE} times the sum of the absolute
 * values of its products. Direct summation in float has about {@code patch · 2^-24} of it at worst (and
 * {@code sqrt(patch) · 2^-24} typically); F(2x2, 3x3) multiplies the rounding of the transformed values by the
 * transforms' norms (up to 4 for B^T d B and A^T M A, 9/4 for G g G^T), a known small multiple of direct's.
 */
class WinogradConvKernelsTest {
    /**
     * float32: the error bound as a fraction of the sum of |products|, about 17 · 2^-24 (observed worst: between 2e-7
     * and 6e-7 on these shapes; direct summation's worst case for conv2's patch of 288 is 288 · 2^-24 = 1.7e-5).
     */
    static final double RELATIVE = 1e-6;
    /** float64: the same bound for 2^-53 instead of 2^-24. */
    private static final double RELATIVE_F64 = 4e-15;
    /**
     * float32 weight gradient: the same bound, {@link #RELATIVE}, though each dW sums many more products (a tile's
     * dM times V, over every tile of the batch, GEMMs of inner size the chunk's tile count): observed worst 3.3e-7.
     */
    static final double RELATIVE_WEIGHT_GRADIENT = RELATIVE;

    private static Conv2dShape shape(int n, int c, int o, int groups, int h, int w, int ph, int pw) {
        Conv2dShape s = new Conv2dShape(n, c, o, groups, new Window2d(h, w, 3, 3, 1, 1, ph, pw, 1, 1));
        assertThat(WinogradConv2d.applies(s)).as("%s forward takes the Winograd path", s).isTrue();
        assertThat(WinogradConv2d.appliesToInputGradient(s)).as("%s input gradient too", s).isTrue();
        return s;
    }

    private static List<Conv2dShape> shapes() {
        List<Conv2dShape> shapes = new ArrayList<>();
        for (int n : new int[]{1, 5, 17}) {
            shapes.add(shape(n, 32, 64, 1, 14, 14, 1, 1)); // conv2 of workload C: 2 images per chunk
        }
        shapes.add(shape(17, 32, 32, 1, 15, 15, 1, 1)); // odd planes, 3 images per chunk: 17 = 5 x 3 + 2
        shapes.add(shape(5, 32, 40, 1, 5, 8, 0, 0)); // no padding: 3 x 6 outputs, an odd row count
        shapes.add(shape(5, 40, 32, 1, 9, 6, 2, 2)); // padding 2: 11 x 8 outputs
        shapes.add(shape(5, 32, 32, 1, 7, 12, 0, 2)); // padding per axis: 5 x 14
        shapes.add(shape(5, 32, 32, 1, 10, 11, 2, 1)); // 12 x 11
        shapes.add(shape(5, 64, 64, 2, 8, 13, 1, 1)); // two groups of 32
        shapes.add(shape(1, 66, 80, 2, 6, 5, 1, 0)); // two groups of 33 in, 40 out; 6 x 3
        return shapes;
    }

    @Test
    void forwardAndInputGradientMatchBruteForceWithTheSameBitsEverywhere() {
        int threadsBefore = Kernels.threads();
        String setBefore = Kernels.implementation();
        SplittableRandom rnd = new SplittableRandom(41);
        try {
            for (Conv2dShape s : shapes()) {
                for (boolean bias : new boolean[]{true, false}) {
                    float[] x = KernelSetsTest.randomF(rnd, s.batch() * s.inImage());
                    float[] w = KernelSetsTest.randomF(rnd, s.outChannels() * s.patch());
                    float[] b = bias ? KernelSetsTest.randomF(rnd, s.outChannels()) : null;
                    float[] dy = KernelSetsTest.randomF(rnd, s.batch() * s.outImage());
                    double[][] wantY = referenceForward(s, toDouble(x), toDouble(w), b == null ? null : toDouble(b));
                    double[][] wantDx = referenceInputGradient(s, toDouble(dy), toDouble(w));
                    float[] firstY = null;
                    float[] firstDx = null;
                    for (KernelSet ks : KernelSetsTest.sets()) {
                        Kernels.use(ks.name());
                        for (int threads = 1; threads <= 3; threads++) {
                            Kernels.setThreads(threads);
                            String what = s + (bias ? " with bias, " : " without bias, ") + ks.name() + " kernels on "
                                    + threads + " threads";
                            float[] scratch = new float[Conv2dKernels.scratchLength(s)];
                            float[] y = KernelSetsTest.randomF(rnd, s.batch() * s.outImage());
                            Conv2dKernels.forward(s, x, w, b, y, scratch);
                            float[] dx = KernelSetsTest.randomF(rnd, s.batch() * s.inImage());
                            Conv2dKernels.inputGradient(s, dy, w, dx, scratch);
                            if (firstY == null) {
                                assertClose(y, wantY, RELATIVE, "y, " + what);
                                assertClose(dx, wantDx, RELATIVE, "dx, " + what);
                                firstY = y;
                                firstDx = dx;
                            } else {
                                assertThat(y).as("y, %s, against the first run", what).isEqualTo(firstY);
                                assertThat(dx).as("dx, %s, against the first run", what).isEqualTo(firstDx);
                            }
                        }
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
            Kernels.use(setBefore);
        }
    }

    /**
     * The weight gradient ({@link WinogradWeightGradient}) against brute force in double, the same bits on 1, 2 and 3
     * threads and in both kernel sets: the shapes above and a batch of 40 (three sum chunks of 16, the last cut).
     */
    @Test
    void weightGradientMatchesBruteForceWithTheSameBitsEverywhere() {
        int threadsBefore = Kernels.threads();
        String setBefore = Kernels.implementation();
        SplittableRandom rnd = new SplittableRandom(43);
        List<Conv2dShape> shapes = new ArrayList<>(shapes());
        shapes.add(shape(40, 32, 32, 1, 6, 7, 1, 1));
        double worst = 0;
        try {
            for (Conv2dShape s : shapes) {
                assertThat(WinogradWeightGradient.applies(s)).as("%s weight gradient on the Winograd path", s).isTrue();
                float[] x = KernelSetsTest.randomF(rnd, s.batch() * s.inImage());
                float[] dy = KernelSetsTest.randomF(rnd, s.batch() * s.outImage());
                double[][] want = referenceWeightGradient(s, toDouble(x), toDouble(dy));
                float[] first = null;
                for (KernelSet ks : KernelSetsTest.sets()) {
                    Kernels.use(ks.name());
                    for (int threads = 1; threads <= 3; threads++) {
                        Kernels.setThreads(threads);
                        String what = s + ", " + ks.name() + " kernels on " + threads + " threads";
                        float[] scratch = KernelSetsTest.randomF(rnd, Conv2dKernels.scratchLength(s));
                        float[] dw = KernelSetsTest.randomF(rnd, s.outChannels() * s.patch());
                        Conv2dKernels.weightGradient(s, x, dy, dw, scratch);
                        if (first == null) {
                            assertClose(dw, want, RELATIVE_WEIGHT_GRADIENT, "dw, " + what);
                            worst = Math.max(worst, worstRatio(dw, want));
                            first = dw;
                        } else {
                            assertThat(dw).as("dw, %s, against the first run", what).isEqualTo(first);
                        }
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
            Kernels.use(setBefore);
        }
        System.out.printf("Winograd weight gradient: worst error / sum of |products| %.3g%n", worst);
    }

    private static double worstRatio(float[] got, double[][] want) {
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[0][i]) / (want[1][i] + 1e-30));
        }
        return worst;
    }

    @Test
    void float64RunsTheSameDriverWithTheSameBitsOnAnyThreadCount() {
        int threadsBefore = Kernels.threads();
        SplittableRandom rnd = new SplittableRandom(42);
        try {
            for (Conv2dShape s : List.of(shape(5, 32, 64, 1, 14, 14, 1, 1), shape(3, 64, 64, 2, 9, 6, 2, 0),
                    shape(35, 32, 32, 1, 5, 4, 1, 1))) {
                double[] x = KernelSetsTest.randomD(rnd, s.batch() * s.inImage());
                double[] w = KernelSetsTest.randomD(rnd, s.outChannels() * s.patch());
                double[] b = KernelSetsTest.randomD(rnd, s.outChannels());
                double[] dy = KernelSetsTest.randomD(rnd, s.batch() * s.outImage());
                double[][] wantY = referenceForward(s, x, w, b);
                double[][] wantDx = referenceInputGradient(s, dy, w);
                double[][] wantDw = referenceWeightGradient(s, x, dy);
                double[] firstY = null;
                double[] firstDx = null;
                double[] firstDw = null;
                for (int threads = 1; threads <= 3; threads++) {
                    Kernels.setThreads(threads);
                    double[] scratch = new double[Conv2dKernels.scratchLength(s)];
                    double[] y = new double[s.batch() * s.outImage()];
                    Conv2dKernels.forward(s, x, w, b, y, scratch);
                    double[] dx = new double[s.batch() * s.inImage()];
                    Conv2dKernels.inputGradient(s, dy, w, dx, scratch);
                    assertClose(y, wantY, RELATIVE_F64, s + " y on " + threads + " threads");
                    assertClose(dx, wantDx, RELATIVE_F64, s + " dx on " + threads + " threads");
                    double[] dw = new double[s.outChannels() * s.patch()];
                    Conv2dKernels.weightGradient(s, x, dy, dw, scratch);
                    assertClose(dw, wantDw, RELATIVE_F64, s + " dw on " + threads + " threads");
                    if (firstY == null) {
                        firstY = y;
                        firstDx = dx;
                        firstDw = dw;
                    } else {
                        assertThat(y).isEqualTo(firstY);
                        assertThat(dx).isEqualTo(firstDx);
                        assertThat(dw).isEqualTo(firstDw);
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
        }
    }

    @Test
    void pathChoice() {
        // conv1 of workload C (1 channel in) stays direct / on the GEMM; 16 channels stay on the GEMM
        Conv2dShape conv1 = new Conv2dShape(128, 1, 32, 1, new Window2d(28, 28, 3, 3, 1, 1, 1, 1, 1, 1));
        assertThat(WinogradConv2d.applies(conv1)).isFalse();
        assertThat(WinogradConv2d.appliesToInputGradient(conv1)).isFalse();
        Window2d conv2 = new Window2d(14, 14, 3, 3, 1, 1, 1, 1, 1, 1);
        assertThat(WinogradConv2d.applies(new Conv2dShape(4, 16, 64, 1, conv2))).isFalse();
        assertThat(WinogradConv2d.applies(new Conv2dShape(4, 64, 16, 1, conv2))).isFalse();
        Window2d strided = new Window2d(14, 14, 3, 3, 2, 2, 1, 1, 1, 1);
        assertThat(WinogradConv2d.applies(new Conv2dShape(4, 32, 64, 1, strided))).isFalse();
        Window2d padded3 = new Window2d(14, 14, 3, 3, 1, 1, 3, 3, 1, 1);
        assertThat(WinogradConv2d.applies(new Conv2dShape(4, 32, 64, 1, padded3))).isFalse();
        Window2d dilated = new Window2d(14, 14, 3, 3, 1, 1, 2, 2, 2, 2);
        assertThat(WinogradConv2d.applies(new Conv2dShape(4, 32, 64, 1, dilated))).isFalse();
    }

    private static void assertClose(float[] got, double[][] want, double relative, String what) {
        for (int i = 0; i < got.length; i++) {
            double bound = relative * want[1][i] + 1e-30;
            assertThat(Math.abs(got[i] - want[0][i])).as("%s [%d]: %s against %s", what, i, got[i], want[0][i])
                    .isLessThanOrEqualTo(bound);
        }
    }

    private static void assertClose(double[] got, double[][] want, double relative, String what) {
        for (int i = 0; i < got.length; i++) {
            double bound = relative * want[1][i] + 1e-300;
            assertThat(Math.abs(got[i] - want[0][i])).as("%s [%d]", what, i).isLessThanOrEqualTo(bound);
        }
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** One product of a 3 x 3 convolution: the indices of its output (and dy), input and weight. */
    interface Product {
        void at(int out, int in, int weight);
    }

    /** Visits every product {@code x[in] · w[weight]} that the definition adds into {@code y[out]}, padding left out. */
    static void eachProduct(Conv2dShape s, Product product) {
        Window2d g = s.window();
        int cg = s.groupIn();
        int og = s.groupOut();
        for (int n = 0; n < s.batch(); n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                int grp = o / og;
                for (int r = 0; r < g.outH(); r++) {
                    for (int q = 0; q < g.outW(); q++) {
                        int out = ((n * s.outChannels() + o) * g.outH() + r) * g.outW() + q;
                        for (int c = 0; c < cg; c++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    int ih = r - g.ph() + i;
                                    int iw = q - g.pw() + j;
                                    if (ih >= 0 && ih < g.h() && iw >= 0 && iw < g.w()) {
                                        product.at(out, ((n * s.inChannels() + grp * cg + c) * g.h() + ih) * g.w() + iw,
                                                ((o * cg + c) * 3 + i) * 3 + j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** y and, for each output, the sum of |products| (and |bias|): {@code [0]} and {@code [1]}. */
    static double[][] referenceForward(Conv2dShape s, double[] x, double[] w, double[] b) {
        double[] y = new double[s.batch() * s.outImage()];
        double[] abs = new double[y.length];
        int plane = s.window().outPlane();
        if (b != null) {
            for (int at = 0; at < y.length; at++) {
                y[at] = b[at / plane % s.outChannels()];
                abs[at] = Math.abs(y[at]);
            }
        }
        eachProduct(s, (out, in, weight) -> {
            double p = x[in] * w[weight];
            y[out] += p;
            abs[out] += Math.abs(p);
        });
        return new double[][]{y, abs};
    }

    /** dW (each product of the forward pass, dy times x, summed into its weight) and the sums of |products|. */
    static double[][] referenceWeightGradient(Conv2dShape s, double[] x, double[] dy) {
        double[] dw = new double[s.outChannels() * s.patch()];
        double[] abs = new double[dw.length];
        eachProduct(s, (out, in, weight) -> {
            double p = dy[out] * x[in];
            dw[weight] += p;
            abs[weight] += Math.abs(p);
        });
        return new double[][]{dw, abs};
    }

    /** dx (the adjoint of the forward pass: each product scattered back) and the sums of |products|. */
    static double[][] referenceInputGradient(Conv2dShape s, double[] dy, double[] w) {
        double[] dx = new double[s.batch() * s.inImage()];
        double[] abs = new double[dx.length];
        eachProduct(s, (out, in, weight) -> {
            double p = dy[out] * w[weight];
            dx[in] += p;
            abs[in] += Math.abs(p);
        });
        return new double[][]{dx, abs};
    }
}
