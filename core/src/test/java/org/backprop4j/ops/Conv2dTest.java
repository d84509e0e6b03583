package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.kernel.Conv2dKernels;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Conv2d} against a direct six-loop convolution written here, against float64 central
 * differences, over strides, paddings, dilations, groups and non-square kernels (the cases with a patch below 32 and
 * stride 1 along the rows take {@link Conv2dKernels}' direct path), and for the same bits on one and two threads.
 */
class Conv2dTest {

    /** One convolution case: x [n,c,h,w], weight [o, c/groups, kh, kw], stride/padding/dilation as (h, w). */
    record Case(String name, int n, int c, int h, int w, int o, int kh, int kw, int[] stride, int[] pad, int[] dil,
                int groups, boolean bias) {
        @Override
        public String toString() {
            return name;
        }

        Tensor x(DType dtype, long seed) {
            return Tensor.uniform(new Rng(seed), dtype, -1, 1, n, c, h, w);
        }

        Tensor weight(DType dtype, long seed) {
            return Tensor.uniform(new Rng(seed), dtype, -1, 1, o, c / groups, kh, kw);
        }

        Tensor bias(DType dtype, long seed) {
            return bias ? Tensor.uniform(new Rng(seed), dtype, -1, 1, o) : null;
        }

        Tensor apply(Tensor x, Tensor weight, Tensor b) {
            return x.conv2d(weight, b, stride, pad, dil, groups);
        }
    }

    private static int[] p(int a, int b) {
        return new int[]{a, b};
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("3x3", 2, 3, 5, 6, 4, 3, 3, p(1, 1), p(0, 0), p(1, 1), 1, true),
            new Case("3x3 padding 1", 2, 2, 5, 5, 3, 3, 3, p(1, 1), p(1, 1), p(1, 1), 1, true),
            new Case("stride 2 padding 1", 2, 2, 7, 6, 3, 3, 3, p(2, 2), p(1, 1), p(1, 1), 1, false),
            new Case("dilation 2", 1, 2, 7, 7, 2, 3, 3, p(1, 1), p(2, 1), p(2, 2), 1, true),
            new Case("groups 2", 2, 4, 5, 5, 6, 3, 3, p(1, 1), p(1, 1), p(1, 1), 2, true),
            new Case("depthwise", 2, 3, 5, 4, 3, 3, 3, p(1, 2), p(1, 1), p(1, 1), 3, true),
            new Case("non-square kernel and stride", 2, 2, 6, 7, 3, 2, 3, p(2, 1), p(1, 0), p(1, 2), 1, true),
            new Case("pointwise", 3, 4, 3, 4, 5, 1, 1, p(1, 1), p(0, 0), p(1, 1), 1, true),
            new Case("pointwise groups", 2, 4, 3, 3, 6, 1, 1, p(1, 1), p(0, 0), p(1, 1), 2, false),
            new Case("1x1 stride 2", 2, 2, 5, 5, 3, 1, 1, p(2, 2), p(0, 0), p(1, 1), 1, true),
            new Case("padding larger than kernel", 1, 1, 3, 3, 2, 2, 2, p(1, 1), p(3, 2), p(1, 1), 1, true),
            // the direct path's vector kernels (rows of at least 16 outputs): conv1's shape on a small batch, with a
            // last strip that overlaps the one before, and without bias
            new Case("first layer, 18 columns", 2, 1, 5, 18, 5, 3, 3, p(1, 1), p(1, 1), p(1, 1), 1, true),
            new Case("first layer, no bias", 3, 1, 4, 16, 6, 3, 3, p(1, 1), p(1, 1), p(1, 1), 1, false));
    }

    /**
     * The Winograd path (3 x 3, stride 1, at least 32 channels in and out per group) of the forward pass and the input
     * gradient and the weight gradient: odd tiles at the edges, padding 2 and 0, groups. Their weights (9216 and 18432
     * values) are too many for {@link #gradientsMatchCentralDifferences}:
     * {@link #winogradPathMatchesDirectLoopsAndCentralDifferences} checks x's gradient (and b's) and
     * {@link #winogradWeightGradientMatchesCentralDifferences} a sample of the weight's.
     */
    static Stream<Case> winogradCases() {
        return Stream.of(
            new Case("Winograd, odd plane", 1, 32, 5, 4, 32, 3, 3, p(1, 1), p(1, 1), p(1, 1), 1, true),
            new Case("Winograd, groups 2, padding 2 and 0", 1, 64, 4, 3, 64, 3, 3, p(1, 1), p(2, 0), p(1, 1), 2,
                    false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("winogradCases")
    void winogradPathMatchesDirectLoopsAndCentralDifferences(Case k) {
        forwardMatchesDirectLoops(k);
        Tensor x = k.x(DType.FLOAT64, 4).requiresGrad();
        Tensor w = k.weight(DType.FLOAT64, 5);
        Tensor b = k.bias(DType.FLOAT64, 6);
        GradCheck.Report report = b == null
                ? GradCheck.check(t -> k.apply(t[0], w, null), x)
                : GradCheck.check(t -> k.apply(t[0], w, t[1]), x, b.requiresGrad());
        assertThat(report.checked()).isPositive();
        assertThat(report.maxRelativeError()).as(report.toString()).isLessThan(1e-7);
    }

    /**
     * The Winograd path's weight gradient in float64 against the sixth-order central difference of
     * {@code sum(conv(x, w, b) · v)} (a fixed random v), on every 23rd element of the weight (about 400 and 800).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("winogradCases")
    void winogradWeightGradientMatchesCentralDifferences(Case k) {
        Tensor x = k.x(DType.FLOAT64, 4);
        Tensor w = k.weight(DType.FLOAT64, 5).requiresGrad();
        Tensor b = k.bias(DType.FLOAT64, 6);
        Tensor v = Tensor.uniform(new Rng(7), DType.FLOAT64, -1, 1, k.apply(x, w, b).shape());
        Supplier<Tensor> loss = () -> k.apply(x, w, b).mul(v).sum();
        loss.get().backward();
        GradCheck check = GradCheck.standard();
        int checked = 0;
        for (int e = 0; e < w.data().size(); e += 23) {
            double analytic = w.grad().data().get(e);
            double numeric = check.numericDerivative(loss, w, e);
            assertThat(Math.abs(analytic - numeric)).as("dw[%d]: %s against %s", e, analytic, numeric)
                    .isLessThanOrEqualTo(1e-8 * Math.max(1, Math.abs(numeric)));
            checked++;
        }
        assertThat(checked).isGreaterThan(300);
    }

    /** The definition, one output at a time in double. */
    static double[] reference(Case k, double[] x, double[] w, double[] b) {
        int oh = (k.h + 2 * k.pad[0] - k.dil[0] * (k.kh - 1) - 1) / k.stride[0] + 1;
        int ow = (k.w + 2 * k.pad[1] - k.dil[1] * (k.kw - 1) - 1) / k.stride[1] + 1;
        int cg = k.c / k.groups;
        int og = k.o / k.groups;
        double[] y = new double[k.n * k.o * oh * ow];
        for (int n = 0; n < k.n; n++) {
            for (int o = 0; o < k.o; o++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double sum = b == null ? 0 : b[o];
                        for (int c = 0; c < cg; c++) {
                            int ci = (o / og) * cg + c;
                            for (int i = 0; i < k.kh; i++) {
                                for (int j = 0; j < k.kw; j++) {
                                    int yy = r * k.stride[0] - k.pad[0] + i * k.dil[0];
                                    int xx = q * k.stride[1] - k.pad[1] + j * k.dil[1];
                                    if (yy >= 0 && yy < k.h && xx >= 0 && xx < k.w) {
                                        sum += x[((n * k.c + ci) * k.h + yy) * k.w + xx]
                                                * w[((o * cg + c) * k.kh + i) * k.kw + j];
                                    }
                                }
                            }
                        }
                        y[((n * k.o + o) * oh + r) * ow + q] = sum;
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardMatchesDirectLoops(Case k) {
        for (DType dtype : DType.values()) {
            Tensor x = k.x(dtype, 1);
            Tensor w = k.weight(dtype, 2);
            Tensor b = k.bias(dtype, 3);
            double[] want = reference(k, x.toDoubleArray(), w.toDoubleArray(), b == null ? null : b.toDoubleArray());
            Tensor y = k.apply(x, w, b);
            assertThat(y.dtype()).isEqualTo(dtype);
            assertThat(y.size()).isEqualTo(want.length);
            double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
            double[] got = y.toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as(dtype + " output " + i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(Case k) {
        Tensor x = k.x(DType.FLOAT64, 4).requiresGrad();
        Tensor w = k.weight(DType.FLOAT64, 5).requiresGrad();
        Tensor b = k.bias(DType.FLOAT64, 6);
        GradCheck.Report report = b == null
                ? GradCheck.check(t -> k.apply(t[0], t[1], null), x, w)
                : GradCheck.check(t -> k.apply(t[0], t[1], t[2]), x, w, b.requiresGrad());
        assertThat(report.checked()).isPositive();
        assertThat(report.maxRelativeError()).as(report.toString()).isLessThan(1e-7);
    }

    @Test
    void gradientOfTheInputAloneAndOfTheWeightAlone() {
        Case k = cases().filter(c -> c.name.equals("groups 2")).findFirst().orElseThrow();
        Tensor x = k.x(DType.FLOAT64, 7);
        Tensor w = k.weight(DType.FLOAT64, 8).requiresGrad();
        assertThat(GradCheck.check(t -> k.apply(t[0], t[1], null), x, w).maxRelativeError()).isLessThan(1e-7);
        Tensor x2 = k.x(DType.FLOAT64, 7).requiresGrad();
        Tensor w2 = k.weight(DType.FLOAT64, 8);
        assertThat(GradCheck.check(t -> k.apply(t[0], t[1], null), x2, w2).maxRelativeError()).isLessThan(1e-7);
    }

    /** The bias alone, and the weight with the bias frozen: each of dW and db without the other, on both paths. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("directAndLoweredWithBias")
    void gradientOfTheBiasAloneAndOfTheWeightWithAFrozenBias(Case k) {
        Tensor x = k.x(DType.FLOAT64, 7);
        Tensor w = k.weight(DType.FLOAT64, 8);
        Tensor b = k.bias(DType.FLOAT64, 9);
        GradCheck.Report biasAlone = GradCheck.check(t -> k.apply(x, w, t[0]), b.requiresGrad());
        assertThat(biasAlone.checked()).isEqualTo(k.o);
        assertThat(biasAlone.maxRelativeError()).as(biasAlone.toString()).isLessThan(1e-7);
        Tensor frozenBias = k.bias(DType.FLOAT64, 9);
        GradCheck.Report weightAlone = GradCheck.check(t -> k.apply(x, t[0], frozenBias),
                k.weight(DType.FLOAT64, 8).requiresGrad());
        assertThat(weightAlone.checked()).isEqualTo(k.o * (k.c / k.groups) * k.kh * k.kw);
        assertThat(weightAlone.maxRelativeError()).as(weightAlone.toString()).isLessThan(1e-7);
    }

    static Stream<Case> directAndLoweredWithBias() {
        return cases().filter(c -> c.name.equals("first layer, 18 columns") || c.name.equals("groups 2"));
    }

    /**
     * Output and gradients of a convolution large enough to be split over the pool, as raw float bits, with c input
     * and o output channels: its 14 x 14 planes end in 4 columns past the
     * last full 48-column panel, which the column tile computes (in the forward pass once o is 32 or more).
     */
    private static Map<String, float[]> runLarge(int threads, int c, int o) {
        return runLarge(threads, 9, c, o);
    }

    /** {@link #runLarge(int, int, int)} on a batch of n images. */
    private static Map<String, float[]> runLarge(int threads, int n, int c, int o) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            Tensor x = Tensor.uniform(new Rng(11), DType.FLOAT32, -1, 1, n, c, 14, 14).requiresGrad();
            Tensor w = Tensor.uniform(new Rng(12), DType.FLOAT32, -1, 1, o, c, 3, 3).requiresGrad();
            Tensor b = Tensor.uniform(new Rng(13), DType.FLOAT32, -1, 1, o).requiresGrad();
            Tensor y = x.conv2d(w, b, 1, 1);
            y.mul(y).sum().backward();
            return Map.of("y", y.toFloatArray(), "dx", x.grad().toFloatArray(), "dw", w.grad().toFloatArray(),
                    "db", b.grad().toFloatArray());
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        for (int[] co : new int[][]{{8, 16}, {32, 64}}) { // the GEMM path, then conv2's shape on the Winograd path
            Map<String, float[]> one = runLarge(1, co[0], co[1]);
            Map<String, float[]> two = runLarge(2, co[0], co[1]);
            for (String k : one.keySet()) {
                assertThat(two.get(k)).as("%s, %d -> %d channels", k, co[0], co[1]).isEqualTo(one.get(k));
            }
        }
    }

    /**
     * The weight gradient's four paths ({@link Conv2dKernels}): a narrow column matrix (9 or 18 rows) summed by fixed
     * chunks of 16 images over 40 images, the others split over the pool; each as dW itself (fewer column-matrix rows
     * than output channels) or as its transpose (more). Same bits on 1, 2 and 3 threads and with both kernel sets
     * (but for the narrow ones, which the Vector API set sums on the direct path), and the sums of a direct loop in
     * double.
     */
    @ParameterizedTest(name = "{0} images, {1} -> {2} channels")
    @MethodSource("weightGradientPaths")
    void eachWeightGradientPathHasTheSameBitsEverywhereAndTheReferenceValues(int n, int c, int o) {
        Map<String, float[]> one = runLarge(1, n, c, o);
        for (int threads : new int[]{2, 3}) {
            Map<String, float[]> more = runLarge(threads, n, c, o);
            for (String k : one.keySet()) {
                assertThat(more.get(k)).as("%s on %d threads", k, threads).isEqualTo(one.get(k));
            }
        }
        if (Kernels.vectorAvailable() && !directPath(c)) {
            String before = Kernels.implementation();
            try {
                Kernels.use(before.equals("plain") ? "vector" : "plain");
                assertThat(runLarge(2, n, c, o).get("dw")).isEqualTo(one.get("dw"));
            } finally {
                Kernels.use(before);
            }
        }
        double[] want = referenceWeightGradient(n, c, o);
        float[] got = one.get("dw");
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).as("dw[%d]", i)
                    .isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(want[i]))));
        }
    }

    /**
     * Whether {@link #runLarge}'s 3x3 convolution of c channels can take the direct path (a patch below 32), which the
     * Vector API set takes and the plain set does not: then the two sets' bits differ (DirectConvKernelsTest compares
     * the two sets' direct kernels instead).
     */
    private static boolean directPath(int c) {
        return c * 9 < 32;
    }

    static Stream<Arguments> weightGradientPaths() {
        int chunked = 2 * Conv2dKernels.IMAGE_CHUNK + 8;
        return Stream.of(Arguments.of(chunked, 1, 16), Arguments.of(chunked, 2, 16), Arguments.of(9, 8, 16),
                Arguments.of(9, 2, 40));
    }

    /**
     * The weight gradient of {@link #runLarge(int, int, int, int)}'s loss sum(y^2) by direct loops in double: y, then
     * dW = sum over images and positions of dy · x, with dy = 2y.
     */
    private static double[] referenceWeightGradient(int n, int c, int o) {
        float[] x = Tensor.uniform(new Rng(11), DType.FLOAT32, -1, 1, n, c, 14, 14).toFloatArray();
        float[] w = Tensor.uniform(new Rng(12), DType.FLOAT32, -1, 1, o, c, 3, 3).toFloatArray();
        float[] b = Tensor.uniform(new Rng(13), DType.FLOAT32, -1, 1, o).toFloatArray();
        double[] dw = new double[w.length];
        for (int img = 0; img < n; img++) {
            for (int out = 0; out < o; out++) {
                for (int r = 0; r < 14; r++) {
                    for (int q = 0; q < 14; q++) {
                        double y = b[out];
                        for (int t = 0; t < c * 9; t++) {
                            y += w[out * c * 9 + t] * pixel(x, img * c + t / 9, r + t % 9 / 3 - 1, q + t % 3 - 1);
                        }
                        for (int t = 0; t < c * 9; t++) {
                            dw[out * c * 9 + t] += 2 * y * pixel(x, img * c + t / 9, r + t % 9 / 3 - 1, q + t % 3 - 1);
                        }
                    }
                }
            }
        }
        return dw;
    }

    /** Pixel (r, q) of plane p of a [n, c, 14, 14] batch, 0 in the padding. */
    private static double pixel(float[] x, int p, int r, int q) {
        return r < 0 || q < 0 || r >= 14 || q >= 14 ? 0 : x[p * 196 + r * 14 + q];
    }

    @Test
    void sameBitsWithBothKernelSets() {
        if (!Kernels.vectorAvailable()) {
            return;
        }
        String before = Kernels.implementation();
        try {
            // patches of 72 and 36: the GEMM path in both sets; conv2's 32 -> 64: the Winograd path's forward pass and
            // input gradient (both sets' GEMMs, same transforms) and the GEMM's weight gradient
            for (int[] co : new int[][]{{8, 16}, {4, 40}, {32, 64}}) {
                Kernels.use("plain");
                Map<String, float[]> plain = runLarge(2, co[0], co[1]);
                Kernels.use("vector");
                Map<String, float[]> vector = runLarge(2, co[0], co[1]);
                for (String k : plain.keySet()) {
                    assertThat(vector.get(k)).as("%s, %d -> %d channels", k, co[0], co[1]).isEqualTo(plain.get(k));
                }
            }
        } finally {
            Kernels.use(before);
        }
    }

    @Test
    void badShapesAreRejectedWithTheReason() {
        Tensor x = Tensor.zeros(1, 4, 5, 5);
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(6, 4, 3, 3), null, 1, 0, 1, 3))
                .hasMessageContaining("groups=3 must divide");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(6, 3, 3, 3), null))
                .hasMessageContaining("needs 4 input channels per group");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(6, 4, 7, 7), null))
                .hasMessageContaining("larger than the padded input");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(6, 4, 3, 3), null, 0, 0))
                .hasMessageContaining("stride");
        assertThatThrownBy(() -> Tensor.zeros(4, 5, 5).conv2d(Tensor.zeros(6, 4, 3, 3), null))
                .hasMessageContaining("[N,C,H,W]");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(6, 4, 3, 3), Tensor.zeros(5)))
                .hasMessageContaining("bias [5] must be [6]");
    }
}
