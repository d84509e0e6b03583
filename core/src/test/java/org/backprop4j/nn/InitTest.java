package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The initialisers against torch.nn.init's formulas. Statistics use 120000 to 150000 draws: the
 * relative standard error of a sample variance is then below 0.4%, and the tolerances are 3%
 * (and the seeds are fixed), so these tests can only fail if a formula is wrong.
 */
class InitTest {

    private static final int OUT = 300;
    private static final int IN = 500;

    /** Mean, variance about zero, largest absolute value, and the fraction beyond {@code k} standard deviations. */
    private record Stats(double mean, double var, double maxAbs, double beyond) {
        static Stats of(Tensor t, double k) {
            double[] v = t.toDoubleArray();
            double s = 0;
            double s2 = 0;
            double m = 0;
            for (double x : v) {
                s += x;
                s2 += x * x;
                m = Math.max(m, Math.abs(x));
            }
            double var = s2 / v.length;
            int far = 0;
            for (double x : v) {
                far += Math.abs(x) > k * Math.sqrt(var) ? 1 : 0;
            }
            return new Stats(s / v.length, var, m, (double) far / v.length);
        }
    }

    private static Tensor w() {
        return Tensor.zeros(DType.FLOAT64, OUT, IN);
    }

    private static void assertUniform(Tensor t, double bound) {
        Stats s = Stats.of(t, 2);
        assertThat(s.maxAbs()).isLessThanOrEqualTo(bound).isGreaterThan(0.999 * bound);
        assertThat(s.var()).isCloseTo(bound * bound / 3, within(0.03 * bound * bound / 3));
        assertThat(Math.abs(s.mean())).isLessThan(6 * bound / Math.sqrt(3 * t.size()));
    }

    private static void assertNormal(Tensor t, double std) {
        Stats s = Stats.of(t, 2);
        assertThat(s.var()).isCloseTo(std * std, within(0.03 * std * std));
        assertThat(Math.abs(s.mean())).isLessThan(6 * std / Math.sqrt(t.size()));
        // P(|Z| > 2) = 4.55%; a uniform has none beyond 1.73 standard deviations
        assertThat(s.beyond()).isCloseTo(0.0455, within(0.004));
    }

    @Test
    void fansFollowPyTorch() {
        assertThat(Init.fanIn(Tensor.zeros(5, 3))).isEqualTo(3);
        assertThat(Init.fanOut(Tensor.zeros(5, 3))).isEqualTo(5);
        Tensor conv = Tensor.zeros(16, 8, 3, 3);
        assertThat(Init.fanIn(conv)).isEqualTo(8 * 9);
        assertThat(Init.fanOut(conv)).isEqualTo(16 * 9);
        assertThat(Init.fan(conv, FanMode.FAN_OUT)).isEqualTo(144);
        assertThatThrownBy(() -> Init.fanIn(Tensor.zeros(7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[7]");
    }

    @Test
    void gainsFollowPyTorchsTable() {
        assertThat(Init.calculateGain(Nonlinearity.LINEAR, 0)).isEqualTo(1.0);
        assertThat(Init.calculateGain(Nonlinearity.CONV2D, 0)).isEqualTo(1.0);
        assertThat(Init.calculateGain(Nonlinearity.SIGMOID, 0)).isEqualTo(1.0);
        assertThat(Init.calculateGain(Nonlinearity.TANH, 0)).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.RELU, 0.3)).isCloseTo(Math.sqrt(2), within(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.SELU, 0)).isEqualTo(0.75);
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2)).isCloseTo(Math.sqrt(2 / 1.04), within(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU)).isCloseTo(Math.sqrt(2 / 1.0001), within(1e-15));
        // a = sqrt(5): sqrt(2 / 6), which with sqrt(3) makes PyTorch's 1/sqrt(fan_in) layer bound
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
    }

    @Test
    void xavierUniformBoundAndVariance() {
        double gain = 2.0;
        Tensor t = Init.xavierUniform(w(), gain, new Rng(1));
        assertUniform(t, gain * Math.sqrt(6.0 / (IN + OUT)));
    }

    @Test
    void xavierNormalStd() {
        double gain = 0.5;
        Tensor t = Init.xavierNormal(w(), gain, new Rng(2));
        assertNormal(t, gain * Math.sqrt(2.0 / (IN + OUT)));
    }

    @Test
    void kaimingUniformBoundFromFanInAndGain() {
        Tensor t = Init.kaimingUniform(w(), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Rng(3));
        assertUniform(t, Math.sqrt(3) * Math.sqrt(2) / Math.sqrt(IN));
        Tensor layer = Init.kaimingUniform(w(), Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, new Rng(4));
        assertUniform(layer, 1 / Math.sqrt(IN));
    }

    @Test
    void kaimingNormalStdFromFanOut() {
        Tensor t = Init.kaimingNormal(w(), 0, FanMode.FAN_OUT, Nonlinearity.RELU, new Rng(5));
        assertNormal(t, Math.sqrt(2) / Math.sqrt(OUT));
    }

    @Test
    void kaimingNormalOnAConvolutionWeightUsesTheReceptiveField() {
        Tensor conv = Tensor.zeros(DType.FLOAT64, 64, 32, 9, 9); // fan_in = 32 * 81 = 2592
        Init.kaimingNormal(conv, 0.1, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, new Rng(6));
        assertNormal(conv, Math.sqrt(2 / 1.01) / Math.sqrt(32 * 81));
    }

    @Test
    void uniformNormalConstantAndZeros() {
        Tensor u = Init.uniform(w(), 2, 3, new Rng(7));
        double[] v = u.toDoubleArray();
        double s = 0;
        for (double x : v) {
            assertThat(x).isBetween(2.0, 3.0);
            s += x;
        }
        assertThat(s / v.length).isCloseTo(2.5, within(0.01));
        Tensor n = Init.normal(w(), 0, 3, new Rng(8));
        assertNormal(n, 3);
        Tensor shifted = Init.normal(Tensor.zeros(DType.FLOAT64, 10_000), 5, 0.1, new Rng(9));
        assertThat(Stats.of(shifted, 2).mean()).isCloseTo(5, within(0.01));
        assertThat(Init.constant(Tensor.zeros(2, 2), 0.5).toFloatArray()).containsOnly(0.5f);
        assertThat(Init.zeros(Tensor.ones(2, 2)).toFloatArray()).containsOnly(0f);
    }

    @Test
    void writesInPlaceIntoTheGivenTensor() {
        Tensor t = Tensor.zeros(4, 4).requiresGrad();
        assertThat(Init.xavierUniform(t, 1, new Rng(1))).isSameAs(t);
        assertThat(t.toFloatArray()).isNotEqualTo(new float[16]);
        assertThat(t.requiresGradFlag()).isTrue();
    }

    @Test
    void sameSeedSameValues() {
        Tensor a = Init.kaimingNormal(Tensor.zeros(5, 5), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Rng(11));
        Tensor b = Init.kaimingNormal(Tensor.zeros(5, 5), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Rng(11));
        assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    }

    @Test
    void manualSeedResetsTheSameDefaultGenerator() {
        Rng before = Init.defaultRng();
        assertThat(Init.manualSeed(17)).isSameAs(before);
        Rng fresh = new Rng(17);
        assertThat(Init.defaultRng().nextLong()).isEqualTo(fresh.nextLong());
        assertThat(Init.defaultRng().nextLong()).isEqualTo(fresh.nextLong());
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> Init.uniform(w(), 1, 0, new Rng(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low <= high");
        assertThatThrownBy(() -> Init.normal(w(), 0, -1, new Rng(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std");
        assertThatThrownBy(() -> Init.xavierUniform(w(), Double.NaN, new Rng(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gain");
        assertThatThrownBy(() -> Init.kaimingUniform(Tensor.zeros(3), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Rng(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
    }
}
