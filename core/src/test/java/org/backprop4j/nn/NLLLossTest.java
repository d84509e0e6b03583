package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** NLLLoss against {@code loss_n = -w[y_n] x[n, y_n]}, computed here by hand. */
class NLLLossTest {

    // [4, 3] log-probability-like values (NLL does not require them to be normalised)
    private static final double[] X = {-0.2, -1.9, -3.0, -1.1, -0.7, -1.6, -2.5, -0.1, -4.0, -0.9, -0.8, -1.7};
    private static final int[] Y = {0, 2, 5, 1}; // label 5 is the ignore index below
    private static final double[] W = {0.5, 2.0, 1.5};
    private static final int IGNORE = 5;

    private static NLLLoss loss(Reduction r) {
        return NLLLoss.builder().classWeights(Tensor.of(W)).ignoreIndex(IGNORE).reduction(r).build();
    }

    @Test
    void noneGivesWeightedPerSampleLossesAndZeroForIgnored() {
        double[] l = loss(Reduction.NONE).apply(Tensor.of(X, 4, 3), Y).toDoubleArray();
        assertThat(l).containsExactly(new double[]{0.5 * 0.2, 1.5 * 1.6, 0, 2.0 * 0.8}, within(1e-15));
    }

    @Test
    void sumAddsTheWeightedLosses() {
        assertThat(loss(Reduction.SUM).apply(Tensor.of(X, 4, 3), Y).item())
                .isCloseTo(0.5 * 0.2 + 1.5 * 1.6 + 2.0 * 0.8, within(1e-15));
    }

    @Test
    void meanDividesByTheWeightOfTheCountedSamples() {
        Tensor x = Tensor.of(X, 4, 3).requiresGrad();
        Tensor l = loss(Reduction.MEAN).apply(x, Y);
        double den = 0.5 + 1.5 + 2.0;
        assertThat(l.item()).isCloseTo((0.5 * 0.2 + 1.5 * 1.6 + 2.0 * 0.8) / den, within(1e-15));
        l.backward();
        double[] expected = new double[12];
        expected[0] = -0.5 / den;
        expected[3 + 2] = -1.5 / den;
        expected[9 + 1] = -2.0 / den;
        assertThat(x.grad().toDoubleArray()).containsExactly(expected, within(1e-15));
    }

    @Test
    void defaultsAreMeanWithoutWeightsAndIgnoreMinus100() {
        NLLLoss nll = new NLLLoss();
        assertThat(nll.reduction()).isEqualTo(Reduction.MEAN);
        assertThat(nll.ignoreIndex()).isEqualTo(-100);
        assertThat(nll.classWeights()).isNull();
        double l = nll.apply(Tensor.of(X, 4, 3), new int[]{0, 2, -100, 1}).item();
        assertThat(l).isCloseTo((0.2 + 1.6 + 0.8) / 3, within(1e-15));
        assertThat(nll.apply(Tensor.of(new double[]{-0.5, -2.0}), new int[]{1}).item()).isCloseTo(2.0, within(0.0));
    }

    @Test
    void logSoftmaxThenNllEqualsCrossEntropy() {
        Tensor z = Tensor.randn(new Rng(3), DType.FLOAT64, 4, 3);
        int[] y = {2, 0, 1, 2};
        double nll = NLLLoss.builder().classWeights(Tensor.of(W)).build().apply(new LogSoftmax(1).forward(z), y).item();
        double ce = CrossEntropyLoss.builder().classWeights(Tensor.of(W)).build().apply(z, y).item();
        assertThat(nll).isCloseTo(ce, within(1e-14));
    }

    @Test
    void gradCheckEveryReduction() {
        for (Reduction r : Reduction.values()) {
            Tensor z = Tensor.randn(new Rng(4), DType.FLOAT64, 4, 3).requiresGrad();
            GradCheck.Report rep = GradCheck.check(in -> loss(r).apply(in[0].logSoftmax(1), Y), z);
            assertThat(rep.passed(1e-7)).as(r + ": " + rep).isTrue();
        }
    }

    @Test
    void invalidInputsAreRejected() {
        assertThatThrownBy(() -> new NLLLoss().apply(Tensor.of(X, 4, 3), new int[]{0, 1, 3, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
        assertThatThrownBy(() -> NLLLoss.builder().classWeights(Tensor.ones(2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> new NLLLoss().apply(Tensor.of(X, 4, 3), new int[]{0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 3]");
    }
}
