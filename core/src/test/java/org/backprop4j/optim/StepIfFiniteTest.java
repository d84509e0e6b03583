package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Optimizer#stepIfFinite()}: a NaN or infinity anywhere in one gradient (first, middle or last
 * element, of any tensor, including one large enough to be split over the kernel pool), a finite
 * gradient whose update overflows, or a non-finite parameter value, leaves every parameter and the whole
 * optimiser state bit-identical to before the step, for every optimiser, both kernel sets, 1 and 2
 * threads, float32 and float64; and the next good step is the one an optimiser that never saw the bad
 * step takes.
 */
class StepIfFiniteTest {
    /** Parameter sizes: one vector or less, a few vectors and a tail, and one split over two threads. */
    private static final int[] SIZES = {5, 300, 4 * (1 << 14) + 13};

    private record Maker(String name, Function<List<Tensor>, Optimizer> make) {
    }

    private static final List<Maker> OPTIMISERS = List.of(
            new Maker("sgd", ps -> SGD.builder(ps).lr(0.1).build()),
            new Maker("sgd momentum", ps -> SGD.builder(ps).lr(0.1).momentum(0.9).build()),
            new Maker("sgd nesterov decay", ps -> SGD.builder(ps).lr(0.1).momentum(0.9).nesterov(true).weightDecay(1e-2).build()),
            new Maker("sgd dampening decay", ps -> SGD.builder(ps).lr(0.1).momentum(0.5).dampening(0.1).weightDecay(1e-3).build()),
            new Maker("adam", ps -> Adam.builder(ps).lr(1e-2).build()),
            new Maker("adam amsgrad decay", ps -> Adam.builder(ps).lr(1e-2).weightDecay(1e-2).amsgrad(true).build()),
            new Maker("adamw", ps -> AdamW.builder(ps).lr(1e-2).build()));

    private final String kernelsBefore = Kernels.implementation();
    private final int threadsBefore = Kernels.threads();

    @AfterEach
    void restoreKernels() {
        Kernels.use(kernelsBefore);
        Kernels.setThreads(threadsBefore);
    }

    private static List<String> kernelSets() {
        return Kernels.vectorAvailable() ? List.of("plain", "vector") : List.of("plain");
    }

    private static List<Tensor> params(DType dtype) {
        SplittableRandom r = new SplittableRandom(7);
        List<Tensor> ps = new ArrayList<>();
        for (int n : SIZES) {
            double[] v = new double[n];
            for (int j = 0; j < n; j++) {
                v[j] = r.nextDouble(-1, 1);
            }
            Tensor t = Tensor.of(v, n);
            ps.add((dtype == DType.FLOAT32 ? Tensor.wrap(t.data().astype(DType.FLOAT32)) : t).requiresGrad());
        }
        return ps;
    }

    /** Gives every parameter a gradient of random values (the same for the same step number). */
    private static void randomGrads(List<Tensor> ps, int step) {
        SplittableRandom r = new SplittableRandom(100 + step);
        for (Tensor p : ps) {
            p.zeroGrad();
            p.mul(Tensor.wrap(p.data().zerosLike())).sum().backward();
            NDArray g = p.grad().data();
            for (int j = 0; j < g.size(); j++) {
                g.set(j, r.nextDouble(-2, 2) * Math.pow(10, r.nextInt(-4, 2)));
            }
        }
    }

    /** The raw bits of every parameter and every state entry. */
    private static List<long[]> bits(Optimizer opt) {
        List<long[]> out = new ArrayList<>();
        for (Tensor p : opt.params()) {
            out.add(bits(p.data()));
        }
        for (Map.Entry<String, NDArray> e : opt.stateDict().entrySet()) {
            out.add(bits(e.getValue()));
        }
        return out;
    }

    private static long[] bits(NDArray a) {
        long[] b = new long[a.size()];
        float[] f = a.floatData();
        for (int j = 0; j < b.length; j++) {
            b[j] = f != null ? Float.floatToRawIntBits(f[j]) : Double.doubleToRawLongBits(a.doubleData()[j]);
        }
        return b;
    }

    private static void assertSameBits(List<long[]> got, List<long[]> want, String what) {
        assertThat(got).as(what).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).as("%s, array %d", what, i).isEqualTo(want.get(i));
        }
    }

    /** Two good steps, as every case starts (so that the state is not the initial one). */
    private static Optimizer twoGoodSteps(Maker maker, List<Tensor> ps) {
        Optimizer opt = maker.make().apply(ps);
        for (int step = 0; step < 2; step++) {
            randomGrads(ps, step);
            assertThat(opt.stepIfFinite()).isNull();
        }
        return opt;
    }

    @Test
    void aNonFiniteGradientElementLeavesEverythingAsBeforeTheStep() {
        double[] badValues = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int cases = 0;
        for (String set : kernelSets()) {
            Kernels.use(set);
            for (int threads : new int[]{1, 2}) {
                Kernels.setThreads(threads);
                for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
                    for (Maker maker : OPTIMISERS) {
                        // the reference: two good steps, then the third good step, never interrupted
                        List<Tensor> refParams = params(dtype);
                        Optimizer ref = twoGoodSteps(maker, refParams);
                        randomGrads(refParams, 2);
                        ref.step();
                        List<long[]> afterThird = bits(ref);
                        for (int k = 0; k < SIZES.length; k++) {
                            int n = SIZES[k];
                            for (int at : new int[]{0, n / 2, n - 1}) {
                                double bad = badValues[cases++ % badValues.length];
                                String what = set + ", " + threads + " threads, " + dtype + ", " + maker.name()
                                        + ", tensor " + k + " element " + at + " = " + bad;
                                List<Tensor> ps = params(dtype);
                                Optimizer opt = twoGoodSteps(maker, ps);
                                List<long[]> before = bits(opt);
                                randomGrads(ps, 2);
                                NDArray g = ps.get(k).grad().data();
                                double good = g.get(at);
                                g.set(at, bad);
                                NonFiniteStep problem = opt.stepIfFinite();
                                assertThat(problem).as(what).isNotNull();
                                assertThat(problem.parameter()).as(what).isEqualTo(k);
                                assertThat(problem.index()).as(what).isEqualTo(at);
                                assertThat(problem.what()).as(what).isEqualTo(NonFiniteStep.What.GRADIENT);
                                assertThat(Double.valueOf(problem.value())).as(what).isEqualTo(Double.valueOf(bad)); // Double.equals: NaN equals NaN
                                assertSameBits(bits(opt), before, what);
                                assertThat(opt.stepCount()).as(what).isEqualTo(2);
                                // the undone step left nothing behind: with the good value, the third step is the reference's
                                g.set(at, good);
                                assertThat(opt.stepIfFinite()).as(what).isNull();
                                assertSameBits(bits(opt), afterThird, what + ", next good step");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFiniteGradientWhoseUpdateOverflowsIsCaught() {
        for (String set : kernelSets()) {
            Kernels.use(set);
            for (int threads : new int[]{1, 2}) {
                Kernels.setThreads(threads);
                for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
                    // p − 0.1·g with p = 0.97·max and g = −0.88·max: finite inputs, a new value above the maximum
                    double max = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
                    int last = SIZES.length - 1;
                    int at = SIZES[last] - 3;
                    String what = set + ", " + threads + " threads, " + dtype;
                    // Adam: g² overflows the second moment (the new parameter value stays finite)
                    List<Tensor> ps = params(dtype);
                    Optimizer adam = twoGoodSteps(OPTIMISERS.get(4), ps);
                    List<long[]> before = bits(adam);
                    randomGrads(ps, 2);
                    ps.get(last).grad().data().set(at, dtype == DType.FLOAT32 ? 1e30 : 1e200);
                    NonFiniteStep problem = adam.stepIfFinite();
                    assertThat(problem).as(what).isNotNull();
                    assertThat(problem.what()).as(what).isEqualTo(NonFiniteStep.What.NEW_STATE);
                    assertThat(problem.state()).as(what).isEqualTo("exp_avg_sq");
                    assertThat(problem.index()).as(what).isEqualTo(at);
                    assertThat(problem.value()).as(what).isEqualTo(Double.POSITIVE_INFINITY);
                    assertSameBits(bits(adam), before, what + " adam");
                    // SGD, plain and with momentum: a huge weight and gradient of opposite signs overflow the new weight
                    for (Maker maker : OPTIMISERS.subList(0, 2)) {
                        List<Tensor> sp = params(dtype);
                        Optimizer sgd = twoGoodSteps(maker, sp);
                        randomGrads(sp, 2);
                        sp.get(0).data().set(1, 0.97 * max);
                        sp.get(0).grad().data().set(1, -0.88 * max);
                        List<long[]> sgdBefore = bits(sgd);
                        NonFiniteStep s = sgd.stepIfFinite();
                        assertThat(s).as(what + " " + maker.name()).isNotNull();
                        assertThat(s.parameter()).isZero();
                        assertThat(s.index()).isEqualTo(1);
                        assertThat(s.what()).as(what + " " + maker.name()).isEqualTo(NonFiniteStep.What.NEW_VALUE);
                        assertSameBits(bits(sgd), sgdBefore, what + " " + maker.name());
                    }
                }
            }
        }
    }

    @Test
    void aNonFiniteParameterValueIsCaughtWhenTheUpdateWritesIt() {
        for (Maker maker : OPTIMISERS) {
            List<Tensor> ps = params(DType.FLOAT32);
            Optimizer opt = twoGoodSteps(maker, ps);
            randomGrads(ps, 2);
            ps.get(1).data().set(7, Float.NaN); // a NaN weight whose gradient is finite (as behind a ReLU)
            List<long[]> before = bits(opt);
            NonFiniteStep problem = opt.stepIfFinite();
            assertThat(problem).as(maker.name()).isNotNull();
            assertThat(problem.what()).as(maker.name()).isEqualTo(NonFiniteStep.What.VALUE);
            assertThat(problem.parameter()).isEqualTo(1);
            assertThat(problem.index()).isEqualTo(7);
            assertSameBits(bits(opt), before, maker.name());
            assertThat(problem.describe("layer.weight", ps.get(1).shape()))
                    .isEqualTo("parameter 'layer.weight' (shape [300]) is NaN at flat index 7");
        }
    }

    @Test
    void theUncheckedStepIsTheCheckedOneWhenEverythingIsFinite() {
        for (Maker maker : OPTIMISERS) {
            List<Tensor> a = params(DType.FLOAT32);
            List<Tensor> b = params(DType.FLOAT32);
            Optimizer checked = maker.make().apply(a);
            Optimizer plain = maker.make().apply(b);
            for (int step = 0; step < 3; step++) {
                randomGrads(a, step);
                randomGrads(b, step);
                assertThat(checked.stepIfFinite()).isNull();
                plain.step();
            }
            assertSameBits(bits(checked), bits(plain), maker.name());
        }
    }
}
