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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Adam and AdamW against the documented update rules, written out independently in plain double arithmetic. */
class AdamTest {

    /** torch.optim.Adam / AdamW as documented: bias-corrected moments m̂ and v̂ (AMSGrad: max of the raw v). */
    private static final class Reference {
        final double lr;
        final double b1;
        final double b2;
        final double eps;
        final double wd;
        final boolean amsgrad;
        final boolean decoupled;
        final double[] p;
        final double[] m;
        final double[] v;
        final double[] vmax;
        int t;

        Reference(double[] p, double lr, double b1, double b2, double eps, double wd, boolean amsgrad,
                boolean decoupled) {
            this.p = p.clone();
            this.lr = lr;
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
            this.wd = wd;
            this.amsgrad = amsgrad;
            this.decoupled = decoupled;
            this.m = new double[p.length];
            this.v = new double[p.length];
            this.vmax = new double[p.length];
        }

        void step(double[] grad) {
            t++;
            for (int j = 0; j < p.length; j++) {
                double g = grad[j];
                if (decoupled) {
                    p[j] = p[j] * (1 - lr * wd);
                } else {
                    g = g + wd * p[j];
                }
                m[j] = b1 * m[j] + (1 - b1) * g;
                v[j] = b2 * v[j] + (1 - b2) * g * g;
                double mhat = m[j] / (1 - Math.pow(b1, t));
                double vhat;
                if (amsgrad) {
                    vmax[j] = Math.max(vmax[j], v[j]);
                    vhat = vmax[j] / (1 - Math.pow(b2, t));
                } else {
                    vhat = v[j] / (1 - Math.pow(b2, t));
                }
                p[j] = p[j] - lr * mhat / (Math.sqrt(vhat) + eps);
            }
        }
    }

    record Config(boolean decoupled, double wd, boolean amsgrad, double b1, double b2, double eps) {
    }

    static Stream<Config> configs() {
        List<Config> out = new ArrayList<>();
        for (boolean decoupled : new boolean[]{false, true}) {
            for (double wd : new double[]{0, 0.1}) {
                for (boolean amsgrad : new boolean[]{false, true}) {
                    out.add(new Config(decoupled, wd, amsgrad, 0.9, 0.999, 1e-8));
                }
            }
            out.add(new Config(decoupled, 0.05, true, 0.5, 0.8, 1e-3));
        }
        return out.stream();
    }

    private static Optimizer build(Config c, List<Tensor> params, double lr) {
        if (c.decoupled) {
            return AdamW.builder(params).lr(lr).betas(c.b1, c.b2).eps(c.eps).weightDecay(c.wd).amsgrad(c.amsgrad)
                    .build();
        }
        return Adam.builder(params).lr(lr).betas(c.b1, c.b2).eps(c.eps).weightDecay(c.wd).amsgrad(c.amsgrad).build();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void matchesDocumentedRuleOverSeveralSteps(Config c) {
        double[] init = {0.5, -1.25, 2.0, 0.1, -0.3};
        Tensor p = param(init);
        Optimizer opt = build(c, List.of(p), 0.02);
        Reference ref = new Reference(init, 0.02, c.b1, c.b2, c.eps, c.wd, c.amsgrad, c.decoupled);
        for (int t = 0; t < 10; t++) {
            double[] g = knownGrad(t, init.length);
            setGrad(p, g);
            opt.step();
            ref.step(g);
            assertThat(p.toDoubleArray()).as("step %d", t).containsExactly(ref.p, within(1e-14));
        }
    }

    @Test
    void amsgradChangesTheResultWhenGradientsShrink() {
        double[] init = {0.5, -1.25, 2.0};
        Tensor a = param(init);
        Tensor b = param(init);
        Optimizer plain = Adam.builder(List.of(a)).lr(0.02).build();
        Optimizer ams = Adam.builder(List.of(b)).lr(0.02).amsgrad(true).build();
        for (int t = 0; t < 10; t++) {
            setGrad(a, knownGrad(t, 3));
            setGrad(b, knownGrad(t, 3));
            plain.step();
            ams.step();
        }
        assertThat(b.toDoubleArray()).isNotEqualTo(a.toDoubleArray());
        assertThat(ams.stateDict()).containsKeys("0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq");
        assertThat(plain.stateDict()).containsOnlyKeys("step", "lr", "0.step", "0.exp_avg", "0.exp_avg_sq");
    }

    @Test
    void firstStepMovesByAboutLrInTheDirectionOfTheGradient() {
        Tensor p = param(1, 1);
        Optimizer opt = Adam.builder(List.of(p)).lr(0.1).build();
        setGrad(p, new double[]{0.5, -3});
        opt.step();
        // m̂ = g and v̂ = g² at t = 1
        assertThat(p.toDoubleArray()).containsExactly(new double[]{1 - 0.1 * 0.5 / (0.5 + 1e-8),
            1 + 0.1 * 3 / (3 + 1e-8)}, within(1e-15));
    }

    /**
     * AdamW's update is Adam's (without decay) applied to the parameter after p = p (1 − lr λ):
     * doing that shrink by hand before each Adam step gives bit-identical parameters.
     */
    @ParameterizedTest
    @MethodSource("amsgradFlags")
    void adamWIsAdamAfterTheDecoupledDecay(boolean amsgrad) {
        double lr = 0.03;
        double wd = 0.2;
        double[] init = {0.5, -1.25, 2.0, 0.1};
        Tensor w = param(init);
        Tensor a = param(init);
        Optimizer adamW = AdamW.builder(List.of(w)).lr(lr).weightDecay(wd).amsgrad(amsgrad).build();
        Optimizer adam = Adam.builder(List.of(a)).lr(lr).weightDecay(0).amsgrad(amsgrad).build();
        for (int t = 0; t < 10; t++) {
            double[] g = knownGrad(t, init.length);
            setGrad(w, g);
            setGrad(a, g);
            adamW.step();
            double[] ad = a.data().doubleData();
            for (int j = 0; j < ad.length; j++) {
                ad[j] = ad[j] * (1 - lr * wd);
            }
            adam.step();
            assertThat(w.toDoubleArray()).as("step %d", t).isEqualTo(a.toDoubleArray());
        }
        assertThat(w.toDoubleArray()).isNotEqualTo(runAdam(init, 0, lr));
    }

    static Stream<Boolean> amsgradFlags() {
        return Stream.of(false, true);
    }

    private static double[] runAdam(double[] init, double wd, double lr) {
        Tensor p = param(init);
        Optimizer opt = Adam.builder(List.of(p)).lr(lr).weightDecay(wd).build();
        for (int t = 0; t < 10; t++) {
            setGrad(p, knownGrad(t, init.length));
            opt.step();
        }
        return p.toDoubleArray();
    }

    @Test
    void adamWithZeroDecayEqualsAdamW() {
        double[] init = {0.5, -1.25, 2.0};
        Tensor a = param(init);
        Tensor w = param(init);
        Optimizer adam = Adam.builder(List.of(a)).lr(0.01).build();
        Optimizer adamW = AdamW.builder(List.of(w)).lr(0.01).weightDecay(0).build();
        for (int t = 0; t < 5; t++) {
            setGrad(a, knownGrad(t, 3));
            setGrad(w, knownGrad(t, 3));
            adam.step();
            adamW.step();
        }
        assertThat(Arrays.equals(a.toDoubleArray(), w.toDoubleArray())).isTrue();
        // and coupled decay is not decoupled decay
        assertThat(runAdam(init, 0.1, 0.01)).isNotEqualTo(runAdamW(init, 0.1, 0.01));
    }

    private static double[] runAdamW(double[] init, double wd, double lr) {
        Tensor p = param(init);
        Optimizer opt = AdamW.builder(List.of(p)).lr(lr).weightDecay(wd).build();
        for (int t = 0; t < 10; t++) {
            setGrad(p, knownGrad(t, init.length));
            opt.step();
        }
        return p.toDoubleArray();
    }

    @Test
    void float32ParametersFollowTheRuleWithFloat32State() {
        for (boolean decoupled : new boolean[]{false, true}) {
            Tensor p = param32(0.5f, -1.25f, 2f);
            Config c = new Config(decoupled, 0.1, true, 0.9, 0.999, 1e-8);
            Optimizer opt = build(c, List.of(p), 0.05);
            Reference ref = new Reference(new double[]{0.5, -1.25, 2}, 0.05, 0.9, 0.999, 1e-8, 0.1, true, decoupled);
            for (int t = 0; t < 8; t++) {
                float[] g = knownGrad32(t, 3);
                setGrad(p, g);
                opt.step();
                ref.step(new double[]{g[0], g[1], g[2]});
            }
            assertThat(p.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(p.toDoubleArray()).containsExactly(ref.p, within(1e-5));
            assertThat(opt.stateDict().get("0.exp_avg_sq").dtype()).isEqualTo(DType.FLOAT32);
        }
    }

    @Test
    void defaults() {
        Adam adam = Adam.builder(List.of(param(1))).build();
        assertThat(adam.lr()).isEqualTo(1e-3);
        assertThat(adam.beta1()).isEqualTo(0.9);
        assertThat(adam.beta2()).isEqualTo(0.999);
        assertThat(adam.eps()).isEqualTo(1e-8);
        assertThat(adam.weightDecay()).isZero();
        assertThat(adam.amsgrad()).isFalse();
        AdamW adamW = AdamW.builder(List.of(param(1))).build();
        assertThat(adamW.lr()).isEqualTo(1e-3);
        assertThat(adamW.beta1()).isEqualTo(0.9);
        assertThat(adamW.beta2()).isEqualTo(0.999);
        assertThat(adamW.eps()).isEqualTo(1e-8);
        assertThat(adamW.weightDecay()).isEqualTo(0.01);
        assertThat(adamW.amsgrad()).isFalse();
    }

    @Test
    void invalidHyperParametersAreRejectedWithTheValue() {
        Adam.Builder<? extends Adam> a = Adam.builder(List.of(param(1)));
        Adam.Builder<AdamW> w = AdamW.builder(List.of(param(1)));
        assertThatThrownBy(() -> a.lr(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning rate").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> w.lr(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> a.betas(1.0, 0.999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta parameter at index 0").hasMessageContaining("1.0");
        assertThatThrownBy(() -> w.betas(0.9, -0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta parameter at index 1").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> a.eps(-1e-8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon").hasMessageContaining("-1.0E-8");
        assertThatThrownBy(() -> w.weightDecay(-0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight_decay").hasMessageContaining("-0.01");
        assertThatThrownBy(() -> a.weightDecay(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }
}
