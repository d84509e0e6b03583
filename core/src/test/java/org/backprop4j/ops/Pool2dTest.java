package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MaxPool2d}, {@link AvgPool2d} and global average pooling against direct loops written here,
 * against float64 central differences (overlapping windows included), PyTorch's tie rule, and the
 * same bits on one and two threads.
 */
class Pool2dTest {

    /** A pooling case on x [2, 3, h, w]: square kernel, stride and padding. */
    record Case(int h, int w, int k, int s, int p) {
        @Override
        public String toString() {
            return h + "x" + w + " k" + k + " s" + s + " p" + p;
        }

        int outH() {
            return (h + 2 * p - k) / s + 1;
        }

        int outW() {
            return (w + 2 * p - k) / s + 1;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case(4, 4, 2, 2, 0), new Case(5, 6, 3, 2, 1), new Case(5, 5, 3, 1, 1),
                new Case(7, 5, 3, 2, 0), new Case(6, 6, 4, 3, 2), new Case(5, 4, 2, 1, 1));
    }

    /** Direct max or average pooling of [planes, h, w] in double; padding is -inf for max, 0 (counted) for average. */
    static double[] reference(Case k, double[] x, boolean max) {
        int planes = x.length / (k.h * k.w);
        double[] y = new double[planes * k.outH() * k.outW()];
        for (int pl = 0; pl < planes; pl++) {
            for (int r = 0; r < k.outH(); r++) {
                for (int q = 0; q < k.outW(); q++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < k.k; i++) {
                        for (int j = 0; j < k.k; j++) {
                            int yy = r * k.s - k.p + i;
                            int xx = q * k.s - k.p + j;
                            boolean inside = yy >= 0 && yy < k.h && xx >= 0 && xx < k.w;
                            double v = inside ? x[(pl * k.h + yy) * k.w + xx] : (max ? Double.NEGATIVE_INFINITY : 0);
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(pl * k.outH() + r) * k.outW() + q] = max ? acc : acc / (k.k * k.k);
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardMatchesDirectLoops(Case k) {
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.uniform(new Rng(1), dtype, -1, 1, 2, 3, k.h, k.w);
            double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-6;
            assertThat(x.maxPool2d(k.k, k.s, k.p).toDoubleArray())
                    .containsExactly(reference(k, x.toDoubleArray(), true), within(tol));
            assertThat(x.avgPool2d(k.k, k.s, k.p).toDoubleArray())
                    .containsExactly(reference(k, x.toDoubleArray(), false), within(tol));
            assertThat(x.maxPool2d(k.k, k.s, k.p).shape()).containsExactly(2, 3, k.outH(), k.outW());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(Case k) {
        // distinct values 1e-3 apart, so no tie sits within the finite-difference step
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 2 * 3 * k.h * k.w, 1).mul(1e-3);
        double[] v = x.data().doubleData();
        Rng rng = new Rng(5);
        for (int i = v.length - 1; i > 0; i--) {
            int j = (int) (rng.nextDouble() * (i + 1));
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        Tensor input = x.reshape(2, 3, k.h, k.w).detach().requiresGrad();
        GradCheck check = GradCheck.of(1e-4, 1e-3); // piecewise linear: a step below the spacing is exact
        GradCheck.Report max = check.run(t -> t[0].maxPool2d(k.k, k.s, k.p), input);
        GradCheck.Report avg = check.run(t -> t[0].avgPool2d(k.k, k.s, k.p), input);
        assertThat(max.maxRelativeError()).as("max " + max).isLessThan(1e-7);
        assertThat(avg.maxRelativeError()).as("avg " + avg).isLessThan(1e-7);
        assertThat(max.checked()).isPositive();
    }

    /** The kernel sets to run a test on: plain, and the Vector API's when the module is present. */
    static Stream<String> kernelSets() {
        return Kernels.vectorAvailable() ? Stream.of("plain", "vector") : Stream.of("plain");
    }

    /** Runs body with the kernel set {@code set}, then restores the one in use. */
    private static void withKernels(String set, Runnable body) {
        String before = Kernels.implementation();
        Kernels.use(set);
        try {
            body.run();
        } finally {
            Kernels.use(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void tiesSendTheGradientToTheFirstMaximumInRowMajorOrder(String set) {
        withKernels(set, () -> {
            for (DType dtype : DType.values()) {
                // one 3x3 window of equal values but for a smaller corner: the first maximum is (0, 1)
                Tensor x = Tensor.full(dtype, 2, 1, 1, 3, 3);
                x.data().set(0, 1);
                x.requiresGrad();
                x.maxPool2d(3, 1, 0).sum().backward();
                assertThat(x.grad().toDoubleArray()).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void tiesInTwoByTwoWindowsOfStrideTwo(String set) {
        // windows (0,0)..(0,3) of one plane: all four equal; the last three equal; the lower two equal;
        // only (1,1) largest. The first maximum in row-major order takes each gradient.
        withKernels(set, () -> {
            for (DType dtype : DType.values()) {
                Tensor x = Tensor.of(new double[]{
                    7, 7, 0, 5, 0, 0, 1, 0,
                    7, 7, 5, 5, 3, 3, 0, 2}, 1, 1, 2, 8).to(dtype).requiresGrad();
                Tensor y = x.maxPool2d(2);
                y.sum().backward();
                assertThat(y.toDoubleArray()).containsExactly(7, 5, 3, 2);
                assertThat(x.grad().toDoubleArray()).containsExactly(
                    1, 0, 0, 1, 0, 0, 0, 0,
                    0, 0, 0, 0, 1, 0, 0, 1);
                // NaNs: two (the lower one takes the gradient), one after a larger value, none
                double nan = Double.NaN;
                Tensor z = Tensor.of(new double[]{
                    nan, 1, 5, nan, 0, 4,
                    nan, 2, 1, 1, 3, 4}, 1, 1, 2, 6).to(dtype).requiresGrad();
                Tensor m = z.maxPool2d(2);
                m.sum().backward();
                assertThat(m.toDoubleArray()).containsExactly(nan, nan, 4);
                assertThat(z.grad().toDoubleArray()).containsExactly(
                    0, 0, 0, 1, 0, 1,
                    1, 0, 0, 0, 0, 0);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void nanWinsAndTheLastNanTakesTheGradientAsInPyTorch(String set) {
        withKernels(set, () -> nanWinsAndTheLastNanTakesTheGradient());
    }

    private static void nanWinsAndTheLastNanTakesTheGradient() {
        for (DType dtype : DType.values()) {
            // PyTorch 1.13 gives output nan and the gradient at (1, 0) for this window
            Tensor x = Tensor.of(new double[]{1, Double.NaN, 3, Double.NaN, 0, 2, 5, 1, 1}, 1, 1, 3, 3).to(dtype)
                    .requiresGrad();
            Tensor y = x.maxPool2d(3);
            y.sum().backward();
            assertThat(y.item()).isNaN();
            assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void overlappingWindowsAddTheirGradients() {
        // a single maximum in the centre of a 3x3 input wins all four 2x2 windows of stride 1
        Tensor x = Tensor.of(new double[]{0, 0, 0, 0, 5, 0, 0, 0, 0}, 1, 1, 3, 3).requiresGrad();
        x.maxPool2d(2, 1, 0).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 0, 0, 4, 0, 0, 0, 0);
    }

    @Test
    void globalAveragePoolingIsTheMeanOfEachPlane() {
        Tensor x = Tensor.uniform(new Rng(3), DType.FLOAT64, -1, 1, 2, 3, 4, 5).requiresGrad();
        Tensor y = x.adaptiveAvgPool2d(1);
        assertThat(y.shape()).containsExactly(2, 3, 1, 1);
        double[] xs = x.toDoubleArray();
        for (int p = 0; p < 6; p++) {
            double sum = 0;
            for (int i = 0; i < 20; i++) {
                sum += xs[p * 20 + i];
            }
            assertThat(y.toDoubleArray()[p]).isCloseTo(sum / 20, within(1e-14));
        }
        assertThat(GradCheck.check(t -> t[0].adaptiveAvgPool2d(1), x).maxRelativeError()).isLessThan(1e-7);
        assertThatThrownBy(() -> x.adaptiveAvgPool2d(2)).hasMessageContaining("output size 1");
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        float[][] one = runLarge(1);
        float[][] two = runLarge(2);
        for (int i = 0; i < one.length; i++) {
            assertThat(two[i]).isEqualTo(one[i]);
        }
    }

    private static float[][] runLarge(int threads) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            Tensor x = Tensor.uniform(new Rng(9), DType.FLOAT32, -1, 1, 16, 16, 28, 28).requiresGrad();
            Tensor m = x.maxPool2d(3, 2, 1);
            Tensor a = x.avgPool2d(3, 2, 1);
            m.mul(a).sum().backward();
            return new float[][]{m.toFloatArray(), a.toFloatArray(), x.grad().toFloatArray()};
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void badWindowsAreRejectedWithTheReason() {
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        assertThatThrownBy(() -> x.maxPool2d(5, 1, 0)).hasMessageContaining("larger than the padded input");
        assertThatThrownBy(() -> x.avgPool2d(2, 2, 2)).hasMessageContaining("at most half the kernel");
        assertThatThrownBy(() -> x.maxPool2d(2, 0, 0)).hasMessageContaining("stride");
        assertThatThrownBy(() -> Tensor.zeros(4, 4).maxPool2d(2)).hasMessageContaining("[N,C,H,W]");
    }
}
