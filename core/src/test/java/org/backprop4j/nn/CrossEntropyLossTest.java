package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.ReferenceValues;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Closed-form tests of the loss against the formulas of docs/softmax-cross-entropy.md, computed
 * here independently in plain double arithmetic, and the reference values of the issue.
 */
class CrossEntropyLossTest {

    // ---------------------------------------------------------------- reference values

    // The reference values are PyTorch's (float32, its default dtype, and float64), written by
    // core/src/test/python/reference_values.py; float32 is checked within two float32 ulps, float64 to 1e-15.

    private static final float TWO_ULPS_NEAR_1 = 2 * Math.ulp(1f);

    @Test
    void referenceSingleSampleLogits() {
        float f32 = (float) new CrossEntropyLoss().apply(Tensor.of(new float[]{1, 2, 3, 4, 5}), new int[]{1}).item();
        float torch32 = (float) ReferenceValues.one("ce.single_sample.float32");
        assertThat(f32).isCloseTo(torch32, within(2 * Math.ulp(torch32)));
        double f64 = new CrossEntropyLoss().apply(Tensor.of(new double[]{1, 2, 3, 4, 5}), new int[]{1}).item();
        // lse - z_1 with lse = 5 + log(1 + e^-1 + e^-2 + e^-3 + e^-4)
        double exact = 5 + Math.log(1 + Math.exp(-1) + Math.exp(-2) + Math.exp(-3) + Math.exp(-4)) - 2;
        assertThat(f64).isCloseTo(exact, within(1e-15)).isCloseTo(ReferenceValues.one("ce.single_sample.float64"), within(1e-15));
    }

    @Test
    void referenceProbabilityTargetsNone() {
        CrossEntropyLoss ce = CrossEntropyLoss.builder().reduction(Reduction.NONE).build();
        double[] l32 = ce.apply(Tensor.of(new float[]{4, 2, 1, 0, 5, 1}, 2, 3),
                Tensor.of(new float[]{1, 0, 0, 0, 0.8f, 0.2f}, 2, 3)).toDoubleArray();
        double[] torch32 = ReferenceValues.of("ce.probability_targets_none.float32");
        assertThat((float) l32[0]).isCloseTo((float) torch32[0], within(TWO_ULPS_NEAR_1 * 0.25f));
        assertThat((float) l32[1]).isCloseTo((float) torch32[1], within(TWO_ULPS_NEAR_1));
        double[] l64 = ce.apply(Tensor.of(new double[]{4, 2, 1, 0, 5, 1}, 2, 3),
                Tensor.of(new double[]{1, 0, 0, 0, 0.8, 0.2}, 2, 3)).toDoubleArray();
        double lse0 = 4 + Math.log(1 + Math.exp(-2) + Math.exp(-3));
        double lse1 = 5 + Math.log(Math.exp(-5) + 1 + Math.exp(-4));
        assertThat(l64[0]).isCloseTo(lse0 - 4, within(1e-15));
        assertThat(l64[1]).isCloseTo(0.8 * (lse1 - 5) + 0.2 * (lse1 - 1), within(1e-15));
        assertThat(l64).containsExactly(ReferenceValues.of("ce.probability_targets_none.float64"), within(1e-15));
    }

    @Test
    void referenceClassIndicesNone() {
        Tensor z = Tensor.of(new double[]{1.2, -0.8, -0.5, 0.9, -1.2, 1.1}, 2, 3);
        CrossEntropyLoss ce = CrossEntropyLoss.builder().reduction(Reduction.NONE).build();
        double[] l = ce.apply(z, new int[]{0, 1}).toDoubleArray();
        assertThat(l).containsExactly(ReferenceValues.of("ce.class_indices_none.float64"), within(1e-15));
    }

    // ---------------------------------------------------------------- closed forms

    private static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        double[] o = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            o[i] = Math.exp(z[i] - m);
            s += o[i];
        }
        for (int i = 0; i < z.length; i++) {
            o[i] /= s;
        }
        return o;
    }

    private static double[] row(double[] a, int r, int k) {
        return java.util.Arrays.copyOfRange(a, r * k, r * k + k);
    }

    @Test
    void gradientIsOTauMinusTForUnnormalisedTargets() {
        // rows sum to 1.7 and 0.4: tau != 1
        double[] z = {0.3, -1.2, 2.0, 0.5, 0.1, -0.4, 1.5, 0.0};
        double[] t = {0.5, 0.2, 1.0, 0.0, 0.1, 0.0, 0.1, 0.2};
        int n = 2;
        int k = 4;
        Tensor zt = Tensor.of(z, n, k).requiresGrad();
        Tensor loss = CrossEntropyLoss.builder().reduction(Reduction.SUM).build().apply(zt, Tensor.of(t, n, k));
        loss.backward();
        double[] g = zt.grad().toDoubleArray();
        double expectedLoss = 0;
        for (int r = 0; r < n; r++) {
            double[] o = softmax(row(z, r, k));
            double tau = 0;
            for (int c = 0; c < k; c++) {
                tau += t[r * k + c];
            }
            assertThat(tau).isNotCloseTo(1.0, within(0.1));
            for (int c = 0; c < k; c++) {
                expectedLoss -= t[r * k + c] * Math.log(o[c]);
                // dE/dz_k = o_k tau - t_k
                assertThat(g[r * k + c]).isCloseTo(o[c] * tau - t[r * k + c], within(1e-15));
            }
        }
        assertThat(loss.item()).isCloseTo(expectedLoss, within(1e-14));
    }

    @Test
    void droppingTheOffDiagonalJacobianTermsWouldGiveADifferentGradient() {
        // The classic mistake t_k (o_k - 1) is zero for t_k = 0; the real gradient o_k is not.
        Tensor z = Tensor.of(new double[]{1.0, 2.0, 0.5}, 1, 3).requiresGrad();
        new CrossEntropyLoss().apply(z, new int[]{1}).backward();
        double[] g = z.grad().toDoubleArray();
        double[] o = softmax(new double[]{1.0, 2.0, 0.5});
        assertThat(g[0]).isCloseTo(o[0], within(1e-15)).isNotCloseTo(0.0, within(0.1));
        assertThat(g[1]).isCloseTo(o[1] - 1, within(1e-15));
        assertThat(g[2]).isCloseTo(o[2], within(1e-15));
    }

    @Test
    void meanWithClassWeightsDividesBySumOfWeightsOfCountedSamples() {
        double[] z = {0.2, 1.0, -0.3, 0.7, 0.1, 0.4, -1.0, 2.0, 0.3};
        int[] y = {1, 2, 0};
        double[] w = {0.5, 2.0, 1.5};
        Tensor zt = Tensor.of(z, 3, 3).requiresGrad();
        CrossEntropyLoss ce = CrossEntropyLoss.builder().classWeights(Tensor.of(w)).build();
        Tensor loss = ce.apply(zt, y);
        loss.backward();
        double num = 0;
        double den = 0;
        for (int r = 0; r < 3; r++) {
            double[] o = softmax(row(z, r, 3));
            num -= w[y[r]] * Math.log(o[y[r]]);
            den += w[y[r]];
        }
        assertThat(loss.item()).isCloseTo(num / den, within(1e-14));
        double[] g = zt.grad().toDoubleArray();
        for (int r = 0; r < 3; r++) {
            double[] o = softmax(row(z, r, 3));
            for (int c = 0; c < 3; c++) {
                double expected = w[y[r]] * (o[c] - (c == y[r] ? 1 : 0)) / den;
                assertThat(g[r * 3 + c]).isCloseTo(expected, within(1e-15));
            }
        }
    }

    @Test
    void labelSmoothingReplacesTargetBySmoothedDistribution() {
        double eps = 0.2;
        double[] z = {0.5, -0.5, 1.5, 0.0, 2.0, -1.0};
        int[] y = {2, 0};
        int k = 3;
        Tensor zt = Tensor.of(z, 2, k).requiresGrad();
        Tensor loss = CrossEntropyLoss.builder().labelSmoothing(eps).build().apply(zt, y);
        loss.backward();
        double expected = 0;
        double[] g = zt.grad().toDoubleArray();
        for (int r = 0; r < 2; r++) {
            double[] o = softmax(row(z, r, k));
            for (int c = 0; c < k; c++) {
                double t = (1 - eps) * (c == y[r] ? 1 : 0) + eps / k;
                expected -= t * Math.log(o[c]) / 2;
                assertThat(g[r * k + c]).isCloseTo((o[c] - t) / 2, within(1e-15));
            }
        }
        assertThat(loss.item()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void labelSmoothingWithWeightsFollowsPyTorch() {
        // PyTorch: (1-eps) * nll(mean over w_y) + eps/K * sum_n(-sum_c w_c logp_nc) / sum_n w_{y_n}
        double eps = 0.1;
        double[] z = {0.1, 0.9, -0.4, 1.1, 0.3, 0.2};
        int[] y = {1, 0};
        double[] w = {3.0, 0.5, 1.0};
        Tensor loss = CrossEntropyLoss.builder().labelSmoothing(eps).classWeights(Tensor.of(w)).build()
                .apply(Tensor.of(z, 2, 3), y);
        double nll = 0;
        double smooth = 0;
        double den = 0;
        for (int r = 0; r < 2; r++) {
            double[] o = softmax(row(z, r, 3));
            nll -= w[y[r]] * Math.log(o[y[r]]);
            den += w[y[r]];
            for (int c = 0; c < 3; c++) {
                smooth -= w[c] * Math.log(o[c]);
            }
        }
        double expected = (1 - eps) * nll / den + eps / 3 * smooth / den;
        assertThat(loss.item()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void ignoredLabelGivesNoLossNoGradientAndIsNotCounted() {
        double[] z = {0.3, 0.1, -0.2, 1.0, 0.0, 0.5};
        Tensor zt = Tensor.of(z, 2, 3).requiresGrad();
        CrossEntropyLoss ce = CrossEntropyLoss.builder().ignoreIndex(7).build();
        Tensor loss = ce.apply(zt, new int[]{7, 2});
        loss.backward();
        double[] o = softmax(row(z, 1, 3));
        assertThat(loss.item()).isCloseTo(-Math.log(o[2]), within(1e-14));
        double[] g = zt.grad().toDoubleArray();
        assertThat(new double[]{g[0], g[1], g[2]}).containsOnly(0.0);
        assertThat(g[5]).isCloseTo(o[2] - 1, within(1e-15));
    }

    @Test
    void allIgnoredMeanIsNaNLikePyTorch() {
        Tensor loss = new CrossEntropyLoss().apply(Tensor.of(new double[]{1, 2}, 1, 2), new int[]{-100});
        assertThat(loss.item()).isNaN();
    }

    @Test
    void sumAndNoneReductionsAreConsistent() {
        double[] z = {0.3, 0.1, -0.2, 1.0, 0.0, 0.5, 2.0, -2.0, 0.0};
        int[] y = {0, 2, 1};
        Tensor none = CrossEntropyLoss.builder().reduction(Reduction.NONE).build().apply(Tensor.of(z, 3, 3), y);
        Tensor sum = CrossEntropyLoss.builder().reduction(Reduction.SUM).build().apply(Tensor.of(z, 3, 3), y);
        Tensor mean = new CrossEntropyLoss().apply(Tensor.of(z, 3, 3), y);
        double[] l = none.toDoubleArray();
        assertThat(none.shape()).containsExactly(3);
        assertThat(sum.item()).isCloseTo(l[0] + l[1] + l[2], within(1e-14));
        assertThat(mean.item()).isCloseTo(sum.item() / 3, within(1e-15));
    }

    @Test
    void weightedProbabilityTargetsMeanDividesByBatchSize() {
        // PyTorch: -(logp * t * w).sum() / N for probability targets
        double[] z = {0.3, 0.1, -0.2, 1.0, 0.0, 0.5};
        double[] t = {0.2, 0.3, 0.5, 1.0, 0.0, 0.0};
        double[] w = {1.0, 2.0, 4.0};
        Tensor loss = CrossEntropyLoss.builder().classWeights(Tensor.of(w)).build()
                .apply(Tensor.of(z, 2, 3), Tensor.of(t, 2, 3));
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double[] o = softmax(row(z, r, 3));
            for (int c = 0; c < 3; c++) {
                expected -= w[c] * t[r * 3 + c] * Math.log(o[c]);
            }
        }
        assertThat(loss.item()).isCloseTo(expected / 2, within(1e-14));
    }

    @Test
    void oneHotProbabilityTargetsEqualClassIndices() {
        double[] z = {0.3, 0.1, -0.2, 1.0, 0.0, 0.5};
        Tensor a = new CrossEntropyLoss().apply(Tensor.of(z, 2, 3), new int[]{2, 0});
        Tensor b = new CrossEntropyLoss().apply(Tensor.of(z, 2, 3), Tensor.of(new double[]{0, 0, 1, 1, 0, 0}, 2, 3));
        assertThat(a.item()).isCloseTo(b.item(), within(1e-15));
    }

    // ---------------------------------------------------------------- stability

    @Test
    void float32LogitsOfMagnitude1e4GiveFiniteLossAndGradient() {
        float[] z = {1e4f, -1e4f, 0f, -1e4f, 1e4f, 5e3f};
        Tensor zt = Tensor.of(z, 2, 3).requiresGrad();
        Tensor loss = new CrossEntropyLoss().apply(zt, new int[]{1, 1});
        loss.backward();
        // sample 0: log o_1 = -2e4 exactly; sample 1 is right with certainty
        assertThat(loss.item()).isCloseTo(1e4, within(1e-2));
        for (float g : zt.grad().toFloatArray()) {
            assertThat(Float.isFinite(g)).isTrue();
        }
        assertThat(zt.grad().toFloatArray()[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(zt.grad().toFloatArray()[1]).isCloseTo(-0.5f, within(1e-6f));
    }

    @Test
    void float32ProbabilityTargetsWithHugeLogitsStayFinite() {
        Tensor zt = Tensor.of(new float[]{-1e4f, 1e4f, 3e3f}, 1, 3).requiresGrad();
        Tensor loss = new CrossEntropyLoss().apply(zt, Tensor.of(new float[]{0.5f, 0.25f, 0.25f}, 1, 3));
        loss.backward();
        assertThat(Double.isFinite(loss.item())).isTrue();
        assertThat(loss.item()).isCloseTo(0.5 * 2e4 + 0.25 * 7e3, within(1e-1));
    }

    // ---------------------------------------------------------------- validation

    @Test
    void labelOutOfRangeIsRejectedWithItsValue() {
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(new double[]{1, 2, 3, 4}, 2, 2), new int[]{0, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 5").hasMessageContaining("sample 1");
    }

    @Test
    void targetShapeMismatchNamesBothShapes() {
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(new double[]{1, 2, 3, 4}, 2, 2),
                Tensor.of(new double[]{1, 0, 0}, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 3]").hasMessageContaining("[2, 2]");
    }

    @Test
    void wrongNumberOfClassWeightsIsRejected() {
        CrossEntropyLoss ce = CrossEntropyLoss.builder().classWeights(Tensor.of(new double[]{1, 2, 3})).build();
        assertThatThrownBy(() -> ce.apply(Tensor.of(new double[]{1, 2, 3, 4}, 2, 2), new int[]{0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 entries");
    }

    @Test
    void wrongNumberOfLabelsIsRejected() {
        assertThatThrownBy(() -> new CrossEntropyLoss().apply(Tensor.of(new double[]{1, 2, 3, 4}, 2, 2), new int[]{0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 labels").hasMessageContaining("[2, 2]");
    }
}
