package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** BCEWithLogitsLoss against the naive formula {@code -w [p t log s(x) + (1-t) log(1-s(x))]} in double. */
class BCEWithLogitsLossTest {

    private static final double[] X = {0.3, -1.2, 2.5, -0.4, 1.1, -3.0}; // [2, 3], moderate
    private static final double[] T = {1, 0, 0.7, 0, 1, 0.2};
    private static final double[] W = {0.5, 1.0, 2.0, 1.5, 0.25, 1.0}; // [2, 3]
    private static final double[] P = {3.0, 0.5, 1.0}; // [3], one per class

    private static double naive(double x, double t, double w, double p) {
        double s = 1 / (1 + Math.exp(-x));
        return -w * (p * t * Math.log(s) + (1 - t) * Math.log(1 - s));
    }

    private static BCEWithLogitsLoss loss(Reduction r) {
        return BCEWithLogitsLoss.builder().weight(Tensor.of(W, 2, 3)).posWeight(Tensor.of(P)).reduction(r).build();
    }

    @Test
    void matchesTheNaiveFormulaForEveryReduction() {
        double[] none = loss(Reduction.NONE).apply(Tensor.of(X, 2, 3), Tensor.of(T, 2, 3)).toDoubleArray();
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            double expected = naive(X[i], T[i], W[i], P[i % 3]);
            assertThat(none[i]).isCloseTo(expected, within(1e-14));
            sum += expected;
        }
        assertThat(loss(Reduction.SUM).apply(Tensor.of(X, 2, 3), Tensor.of(T, 2, 3)).item()).isCloseTo(sum, within(1e-14));
        assertThat(loss(Reduction.MEAN).apply(Tensor.of(X, 2, 3), Tensor.of(T, 2, 3)).item()).isCloseTo(sum / 6, within(1e-14));
    }

    @Test
    void unweightedDefaultIsTheMean() {
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            expected += naive(X[i], T[i], 1, 1) / 6;
        }
        assertThat(new BCEWithLogitsLoss().apply(Tensor.of(X, 2, 3), Tensor.of(T, 2, 3)).item())
                .isCloseTo(expected, within(1e-14));
    }

    @Test
    void gradientIsSigmaMinusTargetWithoutWeights() {
        Tensor x = Tensor.of(X, 2, 3).requiresGrad();
        BCEWithLogitsLoss.builder().reduction(Reduction.SUM).build().apply(x, Tensor.of(T, 2, 3)).backward();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < 6; i++) {
            assertThat(g[i]).isCloseTo(1 / (1 + Math.exp(-X[i])) - T[i], within(1e-15));
        }
    }

    @Test
    void gradCheckLogitsAndTargetsForEveryReduction() {
        for (Reduction r : Reduction.values()) {
            GradCheck.Report rep = GradCheck.check(in -> loss(r).apply(in[0], in[1]),
                    Tensor.of(X, 2, 3).requiresGrad(), Tensor.of(T, 2, 3).requiresGrad());
            assertThat(rep.passed(1e-7)).as(r + ": " + rep).isTrue();
        }
    }

    @Test
    void float32LogitsOfMagnitude1e4StayFinite() {
        Tensor x = Tensor.of(new float[]{1e4f, -1e4f, 1e4f, -1e4f}).requiresGrad();
        Tensor t = Tensor.of(new float[]{0, 1, 1, 0});
        Tensor l = BCEWithLogitsLoss.builder().reduction(Reduction.NONE).build().apply(x, t);
        // confidently wrong: the loss is |x|; confidently right: 0
        assertThat(l.toFloatArray()).containsExactly(1e4f, 1e4f, 0f, 0f);
        l.sum().backward();
        assertThat(x.grad().toFloatArray()).containsExactly(1f, -1f, 0f, 0f);
        Tensor mean = new BCEWithLogitsLoss().apply(x.detach(), t);
        assertThat(Double.isFinite(mean.item())).isTrue();
        assertThat(mean.item()).isCloseTo(5e3, within(1e-2));
    }

    @Test
    void weightsThatDoNotBroadcastToTheLogitsAreRejected() {
        Tensor x = Tensor.zeros(2, 3);
        BCEWithLogitsLoss wrongClasses = BCEWithLogitsLoss.builder().posWeight(Tensor.ones(4)).build();
        assertThatThrownBy(() -> wrongClasses.apply(x, Tensor.zeros(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("posWeight [4]").hasMessageContaining("does not broadcast")
                .hasMessageContaining("[2, 3]");
        // broadcastable together, but to a larger shape than the logits
        BCEWithLogitsLoss tooBig = BCEWithLogitsLoss.builder().weight(Tensor.ones(2, 2, 3)).build();
        assertThatThrownBy(() -> tooBig.apply(x, Tensor.zeros(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight [2, 2, 3]").hasMessageContaining("[2, 3]");
        BCEWithLogitsLoss column = BCEWithLogitsLoss.builder().weight(Tensor.ones(2, 1)).build();
        assertThat(column.apply(x, Tensor.zeros(2, 3)).item()).isCloseTo(Math.log(2), within(1e-6));
    }

    @Test
    void targetsMustHaveTheLogitsShape() {
        assertThatThrownBy(() -> new BCEWithLogitsLoss().apply(Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
    }

    @Test
    void weightsAreCopiedAtBuildTime() {
        Tensor p = Tensor.of(new double[]{2.0});
        BCEWithLogitsLoss bce = BCEWithLogitsLoss.builder().posWeight(p).build();
        p.data().set(0, 100.0);
        assertThat(bce.posWeight().toDoubleArray()).containsExactly(2.0);
    }
}
