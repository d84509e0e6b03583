package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.kernel.Pool2dKernels;
import org.backprop4j.kernel.Pool2dKernelsF64;
import org.backprop4j.kernel.Window2d;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ReLU fused into max pooling ({@link Tensor#reluMaxPool2d}) against the two ops one after the other
 * ({@code relu().maxPool2d}): outputs, winners and input gradients bit for bit, in float32 and
 * float64, with both kernel sets and 1 and 2 threads, on data full of NaNs, signed zeros, negatives
 * and ties, over window shapes that take the vector kernel, its scalar tails, the scalar scan and
 * padded windows; and a float64 finite-difference check of the fused op.
 */
class ReluMaxPoolTest {
    /** Kernel, stride, padding; input height and width. 2x2 stride 2 at widths around the vector lengths. */
    private static final int[][] SHAPES = {
        {2, 2, 0, 2, 2}, {2, 2, 0, 4, 6}, {2, 2, 0, 6, 17}, {2, 2, 0, 4, 32}, {2, 2, 0, 2, 34}, {2, 2, 0, 4, 66},
        {2, 2, 0, 5, 67}, {3, 1, 1, 5, 7}, {3, 2, 1, 7, 9}, {2, 1, 0, 4, 5}, {3, 3, 0, 6, 9}, {3, 2, 0, 7, 7},
    };

    static Stream<String> kernelSets() {
        return Kernels.vectorAvailable() ? Stream.of("plain", "vector") : Stream.of("plain");
    }

    /** Values drawn from a small set (many ties) with NaN, both zeros, negatives, infinities. */
    private static double[] awkward(SplittableRandom r, int n) {
        double[] pool = {Double.NaN, 0.0, -0.0, -1, -2.5, 1, 2, 2, 3.5, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.25};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(4) == 0 ? pool[r.nextInt(pool.length)] : r.nextInt(7) - 3;
        }
        return v;
    }

    private static void withKernels(String set, int threads, Runnable body) {
        String before = Kernels.implementation();
        int threadsBefore = Kernels.threads();
        Kernels.use(set);
        Kernels.setThreads(threads);
        try {
            body.run();
        } finally {
            Kernels.use(before);
            Kernels.setThreads(threadsBefore);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void fusedEqualsReluThenMaxPoolBitForBit(String set) {
        for (int t = 1; t <= 2; t++) {
            int threads = t;
            withKernels(set, threads, () -> {
                SplittableRandom r = new SplittableRandom(3);
                for (int[] s : SHAPES) {
                    for (DType dtype : DType.values()) {
                        int n = 3;
                        int c = 2;
                        int[] shape = {n, c, s[3], s[4]};
                        double[] values = awkward(r, n * c * s[3] * s[4]);
                        Tensor a = Tensor.of(values, shape).to(dtype).requiresGrad();
                        Tensor b = Tensor.of(values, shape).to(dtype).requiresGrad();
                        Tensor fused = a.reluMaxPool2d(s[0], s[1], s[2]);
                        Tensor unfused = b.relu().maxPool2d(s[0], s[1], s[2]);
                        String what = set + " " + threads + " threads " + dtype + " k" + s[0] + " s" + s[1]
                                + " p" + s[2] + " " + s[3] + "x" + s[4];
                        assertThat(bits(fused)).as(what + " values").isEqualTo(bits(unfused));
                        double[] dy = awkward(r, fused.size());
                        Tensor g = Tensor.of(dy, fused.shape()).to(dtype);
                        fused.backward(g);
                        unfused.backward(g);
                        assertThat(bits(a.grad())).as(what + " gradients").isEqualTo(bits(b.grad()));
                    }
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void kernelWinnersAreThoseOfMaxPoolingTheReluOutput(String set) {
        withKernels(set, 1, () -> {
            SplittableRandom r = new SplittableRandom(4);
            for (int[] s : SHAPES) {
                Window2d g = new Window2d(s[3], s[4], s[0], s[0], s[1], s[1], s[2], s[2], 1, 1);
                int planes = 3;
                double[] xd = awkward(r, planes * g.inPlane());
                double[] relud = new double[xd.length];
                float[] xf = new float[xd.length];
                float[] reluf = new float[xd.length];
                for (int i = 0; i < xd.length; i++) {
                    relud[i] = xd[i] > 0 ? xd[i] : 0.0;
                    xf[i] = (float) xd[i];
                    reluf[i] = (float) relud[i];
                }
                int m = planes * g.outPlane();
                float[][] f = {new float[m], new float[m], new float[m], new float[m]};
                Pool2dKernels.maxForward(xf, planes, g, true, f[0], f[1]);
                Pool2dKernels.maxForward(reluf, planes, g, false, f[2], f[3]);
                double[][] d = {new double[m], new double[m], new double[m], new double[m]};
                Pool2dKernelsF64.maxForward(xd, planes, g, true, d[0], d[1]);
                Pool2dKernelsF64.maxForward(relud, planes, g, false, d[2], d[3]);
                String what = set + " k" + s[0] + " s" + s[1] + " p" + s[2] + " " + s[3] + "x" + s[4];
                assertThat(f[1]).as(what + " float32 winners").containsExactly(f[3]);
                assertThat(d[1]).as(what + " float64 winners").containsExactly(d[3]);
                for (int o = 0; o < m; o++) {
                    int p = o / g.outPlane();
                    int rr = o % g.outPlane() / g.outW();
                    int q = o % g.outW();
                    int plane = p * g.inPlane();
                    assertThat(Pool2dKernels.argmax(xf, plane, g, rr, q, true)).as(what + " argmax " + o)
                            .isEqualTo((int) f[3][o]);
                    assertThat(Pool2dKernelsF64.argmax(xd, plane, g, rr, q, true)).as(what + " argmax " + o)
                            .isEqualTo((int) d[3][o]);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void float64FiniteDifferences(String set) {
        withKernels(set, 1, () -> {
            for (int[] s : SHAPES) {
                // distinct values 0.05 apart, shuffled, |x| < 11: with steps h = 1e-4 · max(1, |x|), the
                // stencil's reach (3h) stays clear of ties and of ReLU's kink at 0
                int n = 4 * s[3] * s[4];
                double[] v = new double[n];
                SplittableRandom r = new SplittableRandom(n);
                for (int i = 0; i < n; i++) {
                    int j = r.nextInt(i + 1);
                    v[i] = v[j];
                    v[j] = (i - n / 2) * 0.05 + 0.025;
                }
                Tensor x = Tensor.of(v, 2, 2, s[3], s[4]).requiresGrad();
                GradCheck.Report report = GradCheck.withStep(1e-4).run(t -> t[0].reluMaxPool2d(s[0], s[1], s[2]), x);
                assertThat(report.maxRelativeError()).as(report.toString()).isLessThan(1e-6);
                assertThat(report.checked()).isPositive();
            }
        });
    }

    private static List<Long> bits(Tensor t) {
        double[] v = t.toDoubleArray();
        List<Long> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(Double.doubleToRawLongBits(d));
        }
        return out;
    }
}
