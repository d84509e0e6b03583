package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backprop4j.optim.OptimTestSupport.quadraticBackward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Saving and restoring optimiser state: a resumed run is bit-for-bit an uninterrupted one. */
class OptimizerStateTest {

    static Stream<Arguments> optimizers() {
        List<Arguments> out = new ArrayList<>();
        Map<String, Function<List<Tensor>, Optimizer>> makers = Map.of(
                "sgd-nesterov", ps -> SGD.builder(ps).lr(0.05).momentum(0.9).nesterov(true).weightDecay(1e-3).build(),
                "sgd-damped", ps -> SGD.builder(ps).lr(0.05).momentum(0.7).dampening(0.2).build(),
                "adam-amsgrad", ps -> Adam.builder(ps).lr(0.05).weightDecay(1e-3).amsgrad(true).build(),
                "adamw", ps -> AdamW.builder(ps).lr(0.05).weightDecay(0.1).build());
        for (DType dtype : DType.values()) {
            makers.forEach((name, maker) -> out.add(Arguments.of(name, dtype, maker)));
        }
        return out.stream();
    }

    /** Two parameters; the second gets no gradient in the first {@code lateStart} steps (its state starts later). */
    private static List<Tensor> params(DType dtype) {
        Rng rng = new Rng(7);
        Tensor w = Tensor.randn(rng, dtype, 3, 2).requiresGrad();
        Tensor b = Tensor.randn(rng, dtype, 2).requiresGrad();
        return List.of(w, b);
    }

    private static List<Tensor> copies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(Tensor.wrap(p.data().copy()).requiresGrad());
        }
        return out;
    }

    private static void run(Optimizer opt, int from, int to) {
        for (int t = from; t < to; t++) {
            List<Tensor> ps = opt.params();
            quadraticBackward(t < 3 ? ps.subList(0, 1) : ps);
            if (t < 3) {
                ps.get(1).zeroGrad();
            }
            if (t == 5) {
                opt.setLr(opt.lr() * 0.5);
            }
            opt.step();
        }
    }

    private static void assertBitIdentical(List<Tensor> a, List<Tensor> b) {
        for (int i = 0; i < a.size(); i++) {
            assertThat(Arrays.equals(a.get(i).toDoubleArray(), b.get(i).toDoubleArray()))
                    .as("parameter %d: %s vs %s", i, a.get(i), b.get(i)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void resumedRunIsBitIdenticalToAnUninterruptedOne(String name, DType dtype,
            Function<List<Tensor>, Optimizer> maker) {
        for (int stop : new int[]{2, 4, 7}) {
            Optimizer whole = maker.apply(params(dtype));
            run(whole, 0, 12);

            Optimizer first = maker.apply(params(dtype));
            run(first, 0, stop);
            Map<String, NDArray> saved = first.stateDict();

            List<Tensor> restored = copies(first.params());
            Optimizer second = maker.apply(restored);
            second.setLr(0.123); // the saved learning rate must win
            second.loadStateDict(saved);
            assertThat(second.lr()).isEqualTo(first.lr());
            assertThat(second.stepCount()).isEqualTo(stop);
            run(second, stop, 12);

            assertBitIdentical(second.params(), whole.params());
            assertStateEquals(second.stateDict(), whole.stateDict());

            // without the state the continuation differs, so the comparison above is meaningful
            Optimizer fresh = maker.apply(copies(first.params()));
            fresh.setLr(first.lr());
            run(fresh, stop, 12);
            assertThat(Arrays.equals(fresh.params().get(0).toDoubleArray(), whole.params().get(0).toDoubleArray()))
                    .isFalse();
        }
    }

    private static void assertStateEquals(Map<String, NDArray> a, Map<String, NDArray> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(a.get(k).dtype()).as(k).isEqualTo(b.get(k).dtype());
            assertThat(a.get(k).shape()).as(k).isEqualTo(b.get(k).shape());
            assertThat(Arrays.equals(a.get(k).toDoubleArray(), b.get(k).toDoubleArray())).as(k).isTrue();
        }
    }

    @Test
    void stateDictHasTheDocumentedKeysAndIsACopy() {
        List<Tensor> ps = params(DType.FLOAT64);
        Optimizer opt = Adam.builder(ps).lr(0.01).build();
        assertThat(opt.stateDict()).containsOnlyKeys("step", "lr");
        run(opt, 0, 2); // only parameter 0 has had gradients
        Map<String, NDArray> s = opt.stateDict();
        assertThat(s).containsOnlyKeys("step", "lr", "0.step", "0.exp_avg", "0.exp_avg_sq");
        assertThat(s.get("step").get(0)).isEqualTo(2);
        assertThat(s.get("0.step").get(0)).isEqualTo(2);
        assertThat(s.get("lr").get(0)).isEqualTo(0.01);
        assertThat(s.get("0.exp_avg").shape()).containsExactly(3, 2);
        double before = opt.stateDict().get("0.exp_avg").get(0);
        s.get("0.exp_avg").set(0, 1e9);
        assertThat(opt.stateDict().get("0.exp_avg").get(0)).isEqualTo(before);
        run(opt, 2, 4);
        assertThat(opt.stateDict()).containsKeys("1.step", "1.exp_avg", "1.exp_avg_sq");
        assertThat(opt.stateDict().get("1.step").get(0)).isEqualTo(1);
        assertThat(opt.stateDict().get("0.step").get(0)).isEqualTo(4);
    }

    @Test
    void loadingACopyDoesNotAliasTheMap() {
        List<Tensor> ps = params(DType.FLOAT64);
        Optimizer opt = SGD.builder(ps).lr(0.1).momentum(0.9).build();
        run(opt, 0, 4);
        Map<String, NDArray> s = opt.stateDict();
        Optimizer other = SGD.builder(copies(ps)).lr(0.1).momentum(0.9).build();
        other.loadStateDict(s);
        s.get("0.momentum_buffer").fillInPlace(42);
        assertThat(other.stateDict().get("0.momentum_buffer").get(0)).isNotEqualTo(42);
    }

    @Test
    void loadingAStateWithoutParameterStateResetsIt() {
        List<Tensor> ps = params(DType.FLOAT64);
        Optimizer a = Adam.builder(ps).lr(0.05).build();
        Map<String, NDArray> empty = a.stateDict();
        run(a, 0, 5);
        a.loadStateDict(empty);
        assertThat(a.stateDict()).containsOnlyKeys("step", "lr");
        // the next step is a first step again: it matches a new optimiser from the same parameters
        List<Tensor> same = copies(ps);
        Optimizer b = Adam.builder(same).lr(0.05).build();
        run(a, 0, 3);
        run(b, 0, 3);
        assertBitIdentical(a.params(), b.params());
    }

    @Test
    void invalidStatesAreRejectedAndNothingChanges() {
        List<Tensor> ps = params(DType.FLOAT64);
        Optimizer opt = Adam.builder(ps).lr(0.05).build();
        run(opt, 0, 4);
        Map<String, NDArray> good = opt.stateDict();

        assertRejected(opt, good, s -> s.put("0.momentum_buffer", NDArray.zeros(DType.FLOAT64, 3, 2)),
                "unknown state entry '0.momentum_buffer'");
        assertRejected(opt, good, s -> s.put("2.exp_avg", NDArray.zeros(DType.FLOAT64, 3, 2)),
                "unknown state entry '2.exp_avg'");
        assertRejected(opt, good, s -> s.put("bogus", NDArray.zeros(DType.FLOAT64)), "unknown state entry 'bogus'");
        assertRejected(opt, good, s -> s.remove("1.exp_avg_sq"), "'1.exp_avg_sq' is missing");
        assertRejected(opt, good, s -> s.remove("step"), "'step' is missing");
        assertRejected(opt, good, s -> s.remove("0.step"), "'0.exp_avg' is present without '0.step'");
        assertRejected(opt, good, s -> s.put("0.exp_avg", NDArray.zeros(DType.FLOAT64, 2, 3)), "[2, 3]");
        assertRejected(opt, good, s -> s.put("1.exp_avg", NDArray.zeros(DType.FLOAT32, 2)), "float32");
        assertRejected(opt, good, s -> s.put("0.step", NDArray.full(DType.FLOAT64, 1.5)), "1.5");
        assertRejected(opt, good, s -> s.put("lr", NDArray.full(DType.FLOAT64, -1)), "-1.0");

        Map<String, NDArray> before = opt.stateDict();
        double[] p0 = ps.get(0).toDoubleArray();
        assertThat(Arrays.equals(opt.params().get(0).toDoubleArray(), p0)).isTrue();
        assertStateEquals(opt.stateDict(), before);
        assertStateEquals(before, good);
    }

    private static void assertRejected(Optimizer opt, Map<String, NDArray> good,
            java.util.function.Consumer<Map<String, NDArray>> corrupt, String message) {
        Map<String, NDArray> s = new HashMap<>(good);
        // a partial change must not leak: put a different value into an entry that is valid
        s.put("0.exp_avg", NDArray.full(DType.FLOAT64, 3.0, 3, 2));
        corrupt.accept(s);
        assertThatThrownBy(() -> opt.loadStateDict(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(opt.stateDict().get("0.exp_avg").get(0)).isNotEqualTo(3.0);
    }
}
