package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.backprop4j.optim.OptimTestSupport.knownGrad;
import static org.backprop4j.optim.OptimTestSupport.knownGrad32;
import static org.backprop4j.optim.OptimTestSupport.param;
import static org.backprop4j.optim.OptimTestSupport.param32;
import static org.backprop4j.optim.OptimTestSupport.setGrad;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SGD against PyTorch's documented update rule, written out independently in plain double arithmetic. */
class SGDTest {

    /** torch.optim.SGD's algorithm, as in its documentation, on plain arrays. */
    private static final class Reference {
        final double lr;
        final double mu;
        final double tau;
        final boolean nesterov;
        final double wd;
        final double[] p;
        double[] b;

        Reference(double[] p, double lr, double mu, double tau, boolean nesterov, double wd) {
            this.p = p.clone();
            this.lr = lr;
            this.mu = mu;
            this.tau = tau;
            this.nesterov = nesterov;
            this.wd = wd;
        }

        void step(double[] grad) {
            double[] g = grad.clone();
            for (int j = 0; j < p.length; j++) {
                if (wd != 0) {
                    g[j] += wd * p[j];
                }
            }
            if (mu != 0) {
                if (b == null) {
                    b = g.clone();
                } else {
                    for (int j = 0; j < p.length; j++) {
                        b[j] = mu * b[j] + (1 - tau) * g[j];
                    }
                }
                for (int j = 0; j < p.length; j++) {
                    g[j] = nesterov ? g[j] + mu * b[j] : b[j];
                }
            }
            for (int j = 0; j < p.length; j++) {
                p[j] -= lr * g[j];
            }
        }
    }

    record Config(double mu, double tau, boolean nesterov, double wd) {
    }

    static Stream<Config> configs() {
        List<Config> out = new ArrayList<>();
        for (double mu : new double[]{0, 0.9}) {
            for (double tau : new double[]{0, 0.3}) {
                for (boolean nesterov : new boolean[]{false, true}) {
                    for (double wd : new double[]{0, 0.05}) {
                        if (!nesterov || (mu > 0 && tau == 0)) {
                            out.add(new Config(mu, tau, nesterov, wd));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void matchesDocumentedRuleOverSeveralSteps(Config c) {
        double[] init = {0.5, -1.25, 2.0, 0.1};
        Tensor p = param(init);
        SGD opt = SGD.builder(List.of(p)).lr(0.07).momentum(c.mu).dampening(c.tau).nesterov(c.nesterov)
                .weightDecay(c.wd).build();
        Reference ref = new Reference(init, 0.07, c.mu, c.tau, c.nesterov, c.wd);
        for (int t = 0; t < 8; t++) {
            double[] g = knownGrad(t, init.length);
            setGrad(p, g);
            opt.step();
            ref.step(g);
            assertThat(p.toDoubleArray()).as("step %d", t).containsExactly(ref.p, within(1e-14));
        }
        assertThat(p.toDoubleArray()).isNotEqualTo(init);
    }

    @Test
    void handComputedMomentumDampeningAndNesterov() {
        // p = 1, g = 1 every step, lr = 0.1, mu = 0.9
        Tensor a = param(1);
        SGD plain = SGD.builder(List.of(a)).lr(0.1).momentum(0.9).build();
        Tensor b = param(1);
        SGD nesterov = SGD.builder(List.of(b)).lr(0.1).momentum(0.9).nesterov(true).build();
        Tensor c = param(1);
        SGD damped = SGD.builder(List.of(c)).lr(0.1).momentum(0.9).dampening(0.5).build();
        for (int t = 0; t < 2; t++) {
            for (Tensor p : List.of(a, b, c)) {
                setGrad(p, new double[]{1});
            }
            plain.step();
            nesterov.step();
            damped.step();
        }
        assertThat(a.item()).isCloseTo(0.71, within(1e-15)); // b = 1, 1.9
        assertThat(b.item()).isCloseTo(0.539, within(1e-15)); // g = 1.9, 2.71
        assertThat(c.item()).isCloseTo(0.76, within(1e-15)); // b = 1 (no dampening at first), 1.4
    }

    @Test
    void float32ParametersFollowTheRuleWithFloat32State() {
        float[] init = {0.5f, -1.25f, 2f};
        Tensor p = param32(init);
        SGD opt = SGD.builder(List.of(p)).lr(0.05).momentum(0.8).nesterov(true).weightDecay(0.01).build();
        double[] init64 = {0.5, -1.25, 2};
        Reference ref = new Reference(init64, 0.05, 0.8, 0, true, 0.01);
        for (int t = 0; t < 6; t++) {
            float[] g = knownGrad32(t, 3);
            setGrad(p, g);
            opt.step();
            double[] g64 = new double[3];
            for (int j = 0; j < 3; j++) {
                g64[j] = g[j];
            }
            ref.step(g64);
        }
        assertThat(p.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(p.toDoubleArray()).containsExactly(ref.p, within(1e-5));
        assertThat(opt.stateDict().get("0.momentum_buffer").dtype()).isEqualTo(DType.FLOAT32);
    }

    /** Plain float32 SGD is PyTorch's p.add_(g, alpha=-lr): one float fused multiply-add, bit for bit. */
    @Test
    void plainFloat32SgdIsOneFloatFusedMultiplyAdd() {
        int n = 200_003; // above the size at which the update is split over the kernel threads
        for (int threads : new int[]{1, 2}) {
            int before = org.backprop4j.kernel.Kernels.threads();
            org.backprop4j.kernel.Kernels.setThreads(threads);
            try {
                org.backprop4j.ndarray.Rng rng = new org.backprop4j.ndarray.Rng(7);
                float[] init = new float[n];
                float[] g = new float[n];
                for (int i = 0; i < n; i++) {
                    init[i] = (float) rng.nextGaussian();
                    g[i] = (float) rng.nextGaussian();
                }
                Tensor p = param32(init);
                SGD opt = SGD.builder(List.of(p)).lr(0.1).build();
                setGrad(p, g);
                opt.step();
                float[] got = p.toFloatArray();
                for (int i = 0; i < n; i++) {
                    assertThat(got[i]).isEqualTo(Math.fma(-0.1f, g[i], init[i]));
                }
            } finally {
                org.backprop4j.kernel.Kernels.setThreads(before);
            }
        }
    }

    @Test
    void noMomentumKeepsNoBuffer() {
        Tensor p = param(1, 2);
        SGD opt = SGD.builder(List.of(p)).lr(0.1).build();
        setGrad(p, new double[]{1, 1});
        opt.step();
        assertThat(opt.stateDict()).containsOnlyKeys("step", "lr", "0.step");
    }

    @Test
    void defaultsAndAccessors() {
        SGD d = SGD.builder(List.of(param(1))).build();
        assertThat(d.lr()).isEqualTo(1e-3);
        assertThat(d.momentum()).isZero();
        assertThat(d.dampening()).isZero();
        assertThat(d.nesterov()).isFalse();
        assertThat(d.weightDecay()).isZero();
        SGD s = SGD.builder(List.of(param(1))).lr(0.1).momentum(0.9).dampening(0).nesterov(true).weightDecay(1e-4)
                .build();
        assertThat(s.lr()).isEqualTo(0.1);
        assertThat(s.momentum()).isEqualTo(0.9);
        assertThat(s.nesterov()).isTrue();
        assertThat(s.weightDecay()).isEqualTo(1e-4);
    }

    @Test
    void invalidHyperParametersAreRejectedWithTheValue() {
        SGD.Builder b = SGD.builder(List.of(param(1)));
        assertThatThrownBy(() -> b.lr(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> b.lr(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> b.momentum(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> b.dampening(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dampening").hasMessageContaining("1.5");
        assertThatThrownBy(() -> b.weightDecay(-1e-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight_decay").hasMessageContaining("-1.0E-4");
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        assertThatThrownBy(() -> SGD.builder(List.of(param(1))).nesterov(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nesterov momentum requires a momentum and zero dampening")
                .hasMessageContaining("momentum 0.0");
        assertThatThrownBy(() -> SGD.builder(List.of(param(1))).momentum(0.9).dampening(0.1).nesterov(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dampening 0.1");
    }
}
