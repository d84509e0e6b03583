package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import java.util.stream.Stream;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op of the engine against float64 central differences. Inputs stay away from
 * the kinks of non-smooth ops (relu, abs, clamp, max ties), where no derivative exists.
 */
class OpGradientTest {
    private static final double TOLERANCE = 1e-7;
    /** The float32-vs-float64 tolerance in units of 2^-24 of an array's largest magnitude (see {@link #float32AgreesWithFloat64}). */
    private static final int FLOAT32_UNITS = 256;

    /** Values uniform in [lo, hi) with |x| >= 0.1, so no kink sits within a finite-difference step. */
    private static Tensor input(long seed, double lo, double hi, int... shape) {
        Rng rng = new Rng(seed);
        Tensor t = Tensor.uniform(rng, DType.FLOAT64, lo, hi, shape);
        double[] v = t.data().doubleData();
        for (int i = 0; i < v.length; i++) {
            if (Math.abs(v[i]) < 0.1) {
                v[i] += v[i] < 0 ? -0.1 : 0.1;
            }
        }
        return t.requiresGrad();
    }

    private static Tensor input(long seed, int... shape) {
        return input(seed, -2, 2, shape);
    }

    private static Tensor positive(long seed, int... shape) {
        return input(seed, 0.2, 3, shape);
    }

    /** The same values as a leaf that needs no gradient (targets). */
    private static Tensor constant(Tensor t) {
        return t.detach();
    }

    private static Arguments op(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> ops() {
        return Stream.of(
            op("add", x -> x[0].add(x[1]), input(1, 3, 4), input(2, 3, 4)),
            op("add broadcast row", x -> x[0].add(x[1]), input(1, 3, 4), input(2, 4)),
            op("add broadcast column and row", x -> x[0].add(x[1]), input(1, 3, 1), input(2, 1, 4)),
            op("add scalar", x -> x[0].add(1.5), input(1, 2, 3)),
            op("sub broadcast", x -> x[0].sub(x[1]), input(1, 2, 3, 4), input(2, 3, 1)),
            op("mul broadcast", x -> x[0].mul(x[1]), input(1, 3, 4), input(2, 4)),
            op("div broadcast", x -> x[0].div(x[1]), input(1, 3, 4), positive(2, 4)),
            op("neg", x -> x[0].neg(), input(1, 5)),
            op("pow scalar", x -> x[0].pow(3.0), input(1, 2, 3)),
            op("pow fractional", x -> x[0].pow(1.7), positive(1, 2, 3)),
            op("pow tensor", x -> x[0].pow(x[1]), positive(1, 2, 3), input(2, 3)),
            op("exp", x -> x[0].exp(), input(1, 2, 3)),
            op("log", x -> x[0].log(), positive(1, 2, 3)),
            op("sqrt", x -> x[0].sqrt(), positive(1, 2, 3)),
            op("abs", x -> x[0].abs(), input(1, 2, 3)),
            op("clamp", x -> x[0].clamp(-0.95, 1.05), input(1, 4, 5)),
            op("matmul 2d", x -> x[0].matmul(x[1]), input(1, 3, 4), input(2, 4, 5)),
            op("matmul batched", x -> x[0].matmul(x[1]), input(1, 2, 3, 4), input(2, 2, 4, 5)),
            op("matmul batched by shared", x -> x[0].matmul(x[1]), input(1, 2, 3, 4), input(2, 4, 5)),
            op("sum all", x -> x[0].sum(), input(1, 2, 3)),
            op("sum dim", x -> x[0].sum(1), input(1, 2, 3, 4)),
            op("sum dim keepdim", x -> x[0].sum(-1, true), input(1, 2, 3, 4)),
            op("mean all", x -> x[0].mean(), input(1, 2, 3)),
            op("mean dim", x -> x[0].mean(0), input(1, 3, 4)),
            op("max all", x -> x[0].max(), input(1, 3, 4)),
            op("max dim", x -> x[0].max(1), input(1, 3, 4)),
            op("max dim keepdim", x -> x[0].max(0, true), input(1, 3, 4)),
            op("softmax last", x -> x[0].softmax(-1), input(1, 3, 5)),
            op("softmax middle", x -> x[0].softmax(1), input(1, 2, 3, 4)),
            op("logSoftmax", x -> x[0].logSoftmax(1), input(1, 3, 5)),
            op("logSoftmax first", x -> x[0].logSoftmax(0), input(1, 3, 5)),
            op("relu", x -> x[0].relu(), input(1, 4, 5)),
            op("leakyRelu", x -> x[0].leakyRelu(0.1), input(1, 4, 5)),
            op("sigmoid", x -> x[0].sigmoid(), input(1, 4, 5)),
            op("tanh", x -> x[0].tanh(), input(1, 4, 5)),
            op("gelu", x -> x[0].gelu(), input(1, -4.0, 4.0, 4, 5)),
            op("dropout", x -> x[0].dropout(0.3, new Rng(9)), input(1, 4, 5)),
            op("reshape", x -> x[0].reshape(4, -1).mul(x[1]), input(1, 2, 6), input(2, 4, 3)),
            op("flatten", x -> x[0].flatten().mul(x[1]), input(1, 2, 3, 2), input(2, 2, 6)),
            op("transpose", x -> x[0].transpose(0, 2).mul(x[1]), input(1, 2, 3, 4), input(2, 4, 3, 2)),
            op("t", x -> x[0].t().matmul(x[1]), input(1, 3, 2), input(2, 3, 4)),
            op("concat", x -> Tensor.concat(1, x[0], x[1]).mul(x[2]), input(1, 2, 3), input(2, 2, 2), input(3, 2, 5)),
            op("stack", x -> Tensor.stack(0, x[0], x[1]).mul(x[2]), input(1, 2, 3), input(2, 2, 3), input(3, 2, 2, 3)),
            op("slice", x -> x[0].slice(1, 1, 3).mul(x[1]), input(1, 2, 4, 3), input(2, 2, 2, 3)),
            op("rows range", x -> x[0].rows(1, 3), input(1, 4, 3)),
            op("rows indices", x -> x[0].rows(new int[]{2, 0, 2}).mul(x[1]), input(1, 3, 2), input(2, 3, 2)),
            op("softmax cross-entropy", x -> x[0].softmax(1).log().mul(x[1]).sum().neg(), input(1, 3, 4), positive(2, 3, 4)),
            op("fused softmax cross-entropy, labels", x -> Tensor.record(SoftmaxCrossEntropy.forLabels(new int[]{2, 0, 3},
                null, 0, -100, true, true), x[0]), input(1, 3, 4)),
            op("fused softmax cross-entropy, weighted soft targets, smoothing", x -> Tensor.record(
                SoftmaxCrossEntropy.forProbabilities(new double[]{0.5, 1, 2, 1}, 0.1, true, true), x[0], x[1]),
                input(1, 3, 4), constant(positive(2, 3, 4))),
            op("fused softmax cross-entropy per sample", x -> Tensor.record(SoftmaxCrossEntropy.forLabels(new int[]{1, 0},
                null, 0, -100, false, false), x[0]), input(1, 2, 5)),
            op("bce with logits", x -> Tensor.record(new BceWithLogits(null, null, true, true), x[0], x[1]),
                input(1, 3, 4), constant(input(2, 0.0, 1.0, 3, 4))),
            op("nll", x -> Tensor.record(new NllLoss(new int[]{1, 3, 0}, null, -100, true, true), x[0]), input(1, 3, 4)),
            op("linear", x -> Tensor.record(new LinearOp(false), x[0], x[1], x[2]), input(1, 3, 4), input(2, 5, 4), input(3, 5)),
            op("linear relu", x -> Tensor.record(new LinearOp(true), x[0], x[1], x[2]), input(1, 3, 4), input(2, 5, 4), input(3, 5)),
            op("linear relu without bias", x -> Tensor.record(new LinearOp(true), x[0], x[1]), input(4, 3, 4), input(5, 5, 4)),
            op("conv2d", x -> x[0].conv2d(x[1], x[2], 2, 1, 1, 1), input(1, 2, 3, 5, 5), input(2, 4, 3, 3, 3), input(3, 4)),
            op("conv2d groups dilation", x -> x[0].conv2d(x[1], null, 1, 2, 2, 2), input(1, 1, 4, 5, 4), input(2, 2, 2, 2, 3)),
            op("max pooling", x -> x[0].maxPool2d(2, 2, 0), input(7, 2, 2, 4, 4)), // a seed with no near-tie in any window
            op("relu then max pooling, fused", x -> x[0].reluMaxPool2d(2, 2, 0), input(7, 2, 2, 4, 4)),
            op("average pooling overlapping", x -> x[0].avgPool2d(3, 2, 1), input(1, 2, 2, 5, 4)),
            op("global average pooling", x -> x[0].adaptiveAvgPool2d(1), input(1, 2, 3, 3, 4)),
            op("batch norm training", x -> x[0].batchNorm(x[1], x[2], null, null, true, 0.1, 1e-5),
                input(1, 4, 3, 2, 2), positive(2, 3), input(3, 3)),
            op("two-layer mlp", x -> x[0].matmul(x[1]).add(x[2]).tanh().matmul(x[3]).logSoftmax(1).sum(),
                input(1, 4, 3), input(2, 3, 5), input(3, 5), input(4, 5, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void autodiffMatchesCentralDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradCheck.Report report = GradCheck.check(f, inputs);
        assertThat(report.checked()).isPositive();
        assertThat(report.maxRelativeError()).as(name + ": " + report).isLessThan(TOLERANCE);
    }

    /**
     * The float32 forward and backward agree with float64 run on the same (float32-representable)
     * inputs and output gradient, element by element within
     * {@code FLOAT32_UNITS * 2^-24 * max(1, max |float64 array|)}: a float32 result carries a relative
     * rounding error of about one unit 2^-24 per operation, amplified by the op's condition number
     * (at most about 10 for the input ranges of this table: |x| <= 4 into exp, pow 3 and gelu, 1/x
     * with x >= 0.2) and by the length of the longest accumulated sum (at most about 20 terms here),
     * so 256 units of the array's largest magnitude bound every op (measured: at most 8 units).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void float32AgreesWithFloat64(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        Tensor[] in32 = new Tensor[inputs.length];
        Tensor[] in64 = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in32[i] = inputs[i].to(DType.FLOAT32).requiresGrad(inputs[i].requiresGradFlag());
            in64[i] = in32[i].to(DType.FLOAT64).requiresGrad(inputs[i].requiresGradFlag());
        }
        Tensor y32 = f.apply(in32);
        Tensor y64 = f.apply(in64);
        assertThat(y32.dtype()).as(name).isEqualTo(DType.FLOAT32);
        assertClose(name + ", forward", y32, y64);
        Tensor g32 = Tensor.uniform(new Rng(99), DType.FLOAT32, -1, 1, y32.shape());
        y32.backward(g32);
        y64.backward(g32.to(DType.FLOAT64));
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGradFlag()) {
                assertThat(in32[i].grad().dtype()).isEqualTo(DType.FLOAT32);
                assertClose(name + ", gradient of input " + i, in32[i].grad(), in64[i].grad());
            }
        }
    }

    private static void assertClose(String what, Tensor actual32, Tensor expected64) {
        assertThat(actual32.shape()).as(what).isEqualTo(expected64.shape());
        double[] a = actual32.toDoubleArray();
        double[] e = expected64.toDoubleArray();
        double scale = 1;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = FLOAT32_UNITS * Math.ulp(1.0f) / 2 * scale;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("%s, element %d", what, i).isCloseTo(e[i], within(tolerance));
        }
    }
}
