package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backprop4j.optim.OptimTestSupport.param;
import static org.backprop4j.optim.OptimTestSupport.setGrad;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The parameter handling common to every optimiser. */
class OptimizerTest {

    @Test
    void parametersWithoutAGradientAreSkipped() {
        for (boolean adam : new boolean[]{false, true}) {
            Tensor a = param(1, 2);
            Tensor b = param(3, 4);
            Optimizer opt = adam ? Adam.builder(List.of(a, b)).lr(0.1).build()
                    : SGD.builder(List.of(a, b)).lr(0.1).momentum(0.9).weightDecay(0.1).build();
            setGrad(a, new double[]{1, -1});
            opt.step();
            assertThat(a.toDoubleArray()).isNotEqualTo(new double[]{1, 2});
            assertThat(b.toDoubleArray()).containsExactly(3, 4);
            assertThat(opt.stateDict()).doesNotContainKeys("1.step", "1.exp_avg", "1.momentum_buffer");
        }
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Tensor a = param(1, 2);
        Tensor b = param(3);
        Optimizer opt = SGD.builder(List.of(a, b)).build();
        setGrad(a, new double[]{1, 1});
        setGrad(b, new double[]{2});
        opt.zeroGrad();
        assertThat(a.grad()).isNull();
        assertThat(b.grad()).isNull();
    }

    @Test
    void lrCanBeChangedAndIsValidated() {
        Optimizer opt = Adam.builder(List.of(param(1))).build();
        opt.setLr(0.25);
        assertThat(opt.lr()).isEqualTo(0.25);
        assertThatThrownBy(() -> opt.setLr(-0.25)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.25");
        assertThat(opt.lr()).isEqualTo(0.25);
    }

    @Test
    void paramsAreAnUnmodifiableCopyInOrder() {
        Tensor a = param(1);
        Tensor b = param(2);
        List<Tensor> list = new ArrayList<>(List.of(a, b));
        Optimizer opt = SGD.builder(list).build();
        list.clear();
        assertThat(opt.params()).containsExactly(a, b);
        assertThatThrownBy(() -> opt.params().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidParameterListsAreRejected() {
        assertThatThrownBy(() -> SGD.builder(List.of()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        Tensor frozen = Tensor.of(new double[]{1, 2}).named("frozen");
        assertThatThrownBy(() -> Adam.builder(List.of(param(1), frozen)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 1").hasMessageContaining("'frozen'")
                .hasMessageContaining("does not require grad");
        Tensor p = param(1, 2);
        Tensor nonLeaf = p.mul(2.0);
        assertThatThrownBy(() -> AdamW.builder(List.of(nonLeaf)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-leaf");
        assertThatThrownBy(() -> SGD.builder(List.of(p, p)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 1").hasMessageContaining("same tensor as parameter 0");
        List<Tensor> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> SGD.builder(withNull).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 0 is null");
    }

    @Test
    void stepCountCountsCalls() {
        Tensor a = param(1);
        Optimizer opt = SGD.builder(List.of(a)).build();
        opt.step(); // no gradient: nothing to update, but the call counts
        setGrad(a, new double[]{1});
        opt.step();
        assertThat(opt.stepCount()).isEqualTo(2);
        assertThat(opt.stateDict().get("0.step").get(0)).isEqualTo(1);
    }
}
