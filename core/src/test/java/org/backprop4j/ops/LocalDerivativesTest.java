package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import java.util.stream.Stream;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The partials every op states ({@link LocalDerivatives}) are the rows of its Jacobian, read
 * independently from its backward with a one-hot output gradient (float64): fused ops both directly
 * and through their intermediate value ({@code expand}), composed by the chain rule.
 */
class LocalDerivativesTest {

    private static Tensor in(long seed, double lo, double hi, int... shape) {
        return Tensor.uniform(new Rng(seed), DType.FLOAT64, lo, hi, shape).requiresGrad();
    }

    private static Tensor in(long seed, int... shape) {
        return in(seed, -2, 2, shape);
    }

    /** An op applied by {@code f}; the first {@code stated} inputs are those the op states partials for. */
    private static Arguments op(String name, int stated, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return Arguments.of(name, stated, f, inputs);
    }

    static Stream<Arguments> ops() {
        return Stream.of(
            op("add broadcast", 2, x -> x[0].add(x[1]), in(1, 3, 1), in(2, 1, 4)),
            op("sub broadcast", 2, x -> x[0].sub(x[1]), in(1, 2, 3, 4), in(2, 3, 1)),
            op("mul broadcast", 2, x -> x[0].mul(x[1]), in(1, 3, 4), in(2, 4)),
            op("mul same input", 2, x -> x[0].mul(x[0]), in(1, 3, 2)),
            op("div broadcast", 2, x -> x[0].div(x[1]), in(1, 3, 4), in(2, 0.5, 2, 4)),
            op("neg", 1, x -> x[0].neg(), in(1, 5)),
            op("exp", 1, x -> x[0].exp(), in(1, 2, 3)),
            op("log", 1, x -> x[0].log(), in(1, 0.2, 3, 2, 3)),
            op("sqrt", 1, x -> x[0].sqrt(), in(1, 0.2, 3, 2, 3)),
            op("abs", 1, x -> x[0].abs(), in(1, 2, 3)),
            op("pow", 1, x -> x[0].pow(3.0), in(1, 2, 3)),
            op("clamp", 1, x -> x[0].clamp(-0.5, 0.7), in(1, 4, 5)),
            op("relu", 1, x -> x[0].relu(), in(1, 4, 5)),
            op("leaky relu", 1, x -> x[0].leakyRelu(0.1), in(1, 4, 5)),
            op("sigmoid", 1, x -> x[0].sigmoid(), in(1, 4, 5)),
            op("tanh", 1, x -> x[0].tanh(), in(1, 4, 5)),
            op("gelu", 1, x -> x[0].gelu(), in(1, 4, 5)),
            op("softmax middle", 1, x -> x[0].softmax(1), in(1, 2, 3, 4)),
            op("sum all", 1, x -> x[0].sum(), in(1, 2, 3)),
            op("mean all", 1, x -> x[0].mean(), in(1, 2, 3)),
            op("matmul", 2, x -> x[0].matmul(x[1]), in(1, 3, 4), in(2, 4, 5)),
            op("reshape", 1, x -> x[0].reshape(4, -1), in(1, 2, 6)),
            op("transpose", 1, x -> x[0].transpose(0, 2), in(1, 2, 3, 4)),
            op("slice", 1, x -> x[0].slice(1, 1, 3), in(1, 2, 4, 3)),
            op("conv2d groups, stride, padding, dilation", 3, x -> x[0].conv2d(x[1], x[2], new int[]{2, 1},
                new int[]{1, 2}, new int[]{1, 2}, 2), in(1, 2, 4, 5, 5), in(2, 4, 2, 3, 2), in(3, 4)),
            op("conv2d without bias", 2, x -> x[0].conv2d(x[1], null, 1, 1), in(1, 1, 2, 4, 4), in(2, 3, 2, 3, 3)),
            op("max pooling, overlapping", 1, x -> x[0].maxPool2d(3, 2, 1), in(1, 2, 2, 5, 6)),
            op("relu then max pooling, fused", 1, x -> x[0].reluMaxPool2d(3, 2, 1), in(1, 2, 2, 5, 6)),
            op("relu then max pooling, fused, 2x2", 1, x -> x[0].reluMaxPool2d(2, 2, 0), in(4, 2, 3, 4, 6)),
            op("average pooling, overlapping", 1, x -> x[0].avgPool2d(3, 2, 1), in(1, 2, 2, 5, 6)),
            op("linear", 3, x -> Tensor.record(new LinearOp(false), x[0], x[1], x[2]), in(1, 3, 4), in(2, 5, 4), in(3, 5)),
            op("linear without bias", 2, x -> Tensor.record(new LinearOp(false), x[0], x[1]), in(1, 3, 4), in(2, 5, 4)),
            op("linear relu", 3, x -> Tensor.record(new LinearOp(true), x[0], x[1], x[2]), in(1, 3, 4), in(2, 5, 4), in(3, 5)),
            op("softmax cross-entropy, labels, mean", 1, x -> Tensor.record(SoftmaxCrossEntropy.forLabels(new int[]{2, 0, 3},
                null, 0, -100, true, true), x[0]), in(1, 3, 4)),
            op("softmax cross-entropy per sample", 1, x -> Tensor.record(SoftmaxCrossEntropy.forLabels(new int[]{1, 0},
                null, 0, -100, false, false), x[0]), in(1, 2, 5)),
            op("softmax cross-entropy, weighted soft targets, smoothing", 1, x -> Tensor.record(
                SoftmaxCrossEntropy.forProbabilities(new double[]{0.5, 1, 2, 1}, 0.1, true, true), x[0], x[1]),
                in(1, 3, 4), in(2, 0.0, 1.0, 3, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void statedPartialsAreTheRowsOfTheJacobian(String name, int stated, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        Tensor y = f.apply(inputs);
        LocalDerivatives d = (LocalDerivatives) y.op();
        for (boolean expand : new boolean[]{false, true}) {
            for (int a = 0; a < y.size(); a++) {
                double[][] rows = new double[stated][];
                for (int k = 0; k < stated; k++) {
                    rows[k] = new double[y.inputs().get(k).size()];
                }
                assertThat(d.partials(a, expand, new Accumulator(d, rows, 1))).as(name).isTrue();
                NDArray g = y.data().zerosLike();
                g.set(a, 1);
                boolean[] needs = new boolean[y.inputs().size()];
                java.util.Arrays.fill(needs, true);
                NDArray[] jacobian = y.op().backward(g, needs);
                for (int k = 0; k < stated; k++) {
                    double[] expected = jacobian[k].toDoubleArray();
                    for (int b = 0; b < expected.length; b++) {
                        assertThat(rows[k][b]).as("%s, expand %s: d out[%d] / d in%d[%d]", name, expand, a, k, b)
                                .isCloseTo(expected[b], within(1e-12 * Math.max(1, Math.abs(expected[b]))));
                    }
                }
            }
        }
    }

    @Test
    void reductionsOverOneDimensionAndBatchedProductsLeaveTheirPartialsToTheJacobian() {
        Tensor sum = in(1, 2, 3).sum(1);
        Tensor batched = in(1, 2, 3, 4).matmul(in(2, 2, 4, 5));
        double[][] none = {new double[6], new double[40]};
        assertThat(((LocalDerivatives) sum.op()).partials(0, false, new Accumulator(null, none, 1))).isFalse();
        assertThat(((LocalDerivatives) batched.op()).partials(0, false, new Accumulator(null, none, 1))).isFalse();
        assertThat(none[0]).containsOnly(0);
    }

    @Test
    void opsThatOnlyMoveElementsSayWhereEachElementComesFrom() {
        Tensor x = in(1, 2, 3, 4);
        Tensor t = x.transpose(0, 2);
        for (int a = 0; a < t.size(); a++) {
            double[][] row = {new double[x.size()]};
            ((LocalDerivatives) t.op()).partials(a, false, new Accumulator(null, row, 1));
            int source = java.util.stream.IntStream.range(0, x.size()).filter(b -> row[0][b] == 1).findFirst().orElseThrow();
            assertThat(x.data().get(source)).isEqualTo(t.data().get(a));
        }
        assertThat(((LocalDerivatives) t.op()).role()).isEqualTo(Role.MOVE);
    }

    /** Adds stated partials, times {@code scale}, into dense rows; partials to the intermediate value are followed by the chain rule. */
    private record Accumulator(LocalDerivatives op, double[][] rows, double scale) implements Partials {
        @Override
        public boolean wants(int input) {
            return input < rows.length;
        }

        @Override
        public void add(Partial p) {
            if (p.input() == Partial.INNER) {
                op.innerPartials(p.element(), new Accumulator(op, rows, scale * p.value()));
            } else if (p.input() < rows.length) {
                rows[p.input()][p.element()] += scale * p.value();
            }
        }
    }
}
