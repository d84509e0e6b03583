package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OptimizerRegistryTest {
    static List<String> names() {
        return new ArrayList<>(OptimizerRegistry.names());
    }

    private static List<Tensor> params(long seed) {
        Rng rng = new Rng(seed);
        return List.of(Tensor.randn(rng, DType.FLOAT64, 3, 2).requiresGrad(), Tensor.randn(rng, DType.FLOAT64, 2).requiresGrad());
    }

    /** Settings that differ from every default, so a dropped or misread hyper-parameter shows. */
    private static Optimizer tuned(String name, List<Tensor> params) {
        switch (name) {
            case "sgd":
                return SGD.builder(params).lr(0.05).momentum(0.8).dampening(0.1).weightDecay(1e-3).build();
            case "adam":
                return Adam.builder(params).lr(0.02).betas(0.8, 0.95).eps(1e-6).weightDecay(1e-3).amsgrad(true).build();
            case "adamw":
                return AdamW.builder(params).lr(0.02).betas(0.85, 0.9).eps(1e-7).weightDecay(0.05).build();
            default:
                throw new AssertionError("add a tuned " + name + " to this test");
        }
    }

    private static void steps(Optimizer opt, int n) {
        for (int s = 0; s < n; s++) {
            for (Tensor p : opt.params()) {
                // gradient 2p + 1: deterministic, different per element and per step
                double[] g = p.toDoubleArray();
                for (int j = 0; j < g.length; j++) {
                    g[j] = 2 * g[j] + 1;
                }
                OptimTestSupport.setGrad(p, g);
            }
            opt.step();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void anOptimizerRebuiltFromItsHyperParametersTakesTheSameSteps(String name) {
        List<Tensor> a = params(1);
        List<Tensor> b = params(1);
        Optimizer original = tuned(name, a);
        Optimizer rebuilt = OptimizerRegistry.create(original.name(), b, original.hyperParameters());
        assertThat(rebuilt.getClass()).isEqualTo(original.getClass());
        assertThat(rebuilt.name()).isEqualTo(name);
        assertThat(rebuilt.hyperParameters()).isEqualTo(original.hyperParameters());
        steps(original, 3);
        steps(rebuilt, 3);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toDoubleArray()).containsExactly(a.get(i).toDoubleArray());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void hyperParametersStartWithTheLearningRateAndHoldOnlyNumbersAndBooleans(String name) {
        Map<String, Object> hp = tuned(name, params(2)).hyperParameters();
        assertThat(hp.keySet().iterator().next()).isEqualTo("lr");
        assertThat(hp.values()).allMatch(v -> v instanceof Double || v instanceof Boolean);
        assertThat(OptimizerRegistry.defaults(name).keySet()).containsExactlyElementsOf(hp.keySet());
    }

    @Test
    void defaultsAreTheBuildersDefaults() {
        assertThat(OptimizerRegistry.defaults("adamw")).containsEntry("lr", 1e-3).containsEntry("weight_decay", 0.01)
                .containsEntry("beta1", 0.9).containsEntry("beta2", 0.999).containsEntry("amsgrad", false);
        assertThat(OptimizerRegistry.defaults("SGD")).containsEntry("momentum", 0.0).containsEntry("nesterov", false);
    }

    @Test
    void integersAreNumbersToo() {
        Optimizer o = OptimizerRegistry.create("sgd", params(3), Map.of("lr", 1, "momentum", 0));
        assertThat(o.hyperParameters()).containsEntry("lr", 1.0).containsEntry("momentum", 0.0);
    }

    @Test
    void badNamesAndValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> OptimizerRegistry.create("rmsprop", params(4), Map.of()))
                .hasMessage("unknown optimizer 'rmsprop'; choose one of sgd, adam, adamw");
        assertThatThrownBy(() -> OptimizerRegistry.create("sgd", params(4), Map.of("beta1", 0.9)))
                .hasMessageStartingWith("sgd has no hyper-parameter 'beta1'; it has [lr, momentum");
        assertThatThrownBy(() -> OptimizerRegistry.create("adam", params(4), Map.of("amsgrad", 1.0)))
                .hasMessage("adam hyper-parameter 'amsgrad' must be true or false, got 1.0");
        assertThatThrownBy(() -> OptimizerRegistry.create("adam", params(4), Map.of("eps", "small")))
                .hasMessage("adam hyper-parameter 'eps' must be a number, got small");
        assertThatThrownBy(() -> OptimizerRegistry.create("adam", params(4), Map.of("beta2", 1.0)))
                .hasMessageContaining("beta parameter at index 1");
    }
}
