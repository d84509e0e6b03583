package org.backprop4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.Map;
import java.util.function.Supplier;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PathExplainerTest {
    private static final double[] X = {0.05, 0.10};

    /** The classic 2-2-2 network: sigmoid hidden units, weights 0.15 ... 0.55, biases 0.35 / 0.60. */
    static Sequential classic() {
        Sequential m = Mlp.of(2, new int[]{2}, 2, "sigmoid", 0, new Rng(0), DType.FLOAT64);
        set(m.namedParameters().get("0.weight").data(), 0.15, 0.20, 0.25, 0.30);
        set(m.namedParameters().get("0.bias").data(), 0.35, 0.35);
        set(m.namedParameters().get("2.weight").data(), 0.40, 0.45, 0.50, 0.55);
        set(m.namedParameters().get("2.bias").data(), 0.60, 0.60);
        return m;
    }

    private static void set(NDArray d, double... v) {
        for (int i = 0; i < v.length; i++) {
            d.set(i, v[i]);
        }
    }

    private static Supplier<Tensor> oneHot(Sequential m, int label) {
        Tensor x = Tensor.of(X, 1, 2);
        return () -> new CrossEntropyLoss().apply(m.forward(x), new int[]{label});
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    @Test
    void classicTwoPathWeightHasTwoPathsWhoseProductsAreTheHandComputedOnes() {
        Sequential m = classic();
        Explanation e = PathExplainer.standard().explain(oneHot(m, 1), m.namedParameters().get("0.weight"), 0, 1);

        // by hand: a0 = 0.15*0.05 + 0.20*0.10 + 0.35, h = sigmoid(a), z = W2 h + b2, o = softmax(z), t = (0, 1)
        double h0 = sigmoid(0.15 * 0.05 + 0.20 * 0.10 + 0.35);
        double h1 = sigmoid(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
        double z0 = 0.40 * h0 + 0.45 * h1 + 0.60;
        double z1 = 0.50 * h0 + 0.55 * h1 + 0.60;
        double o0 = Math.exp(z0) / (Math.exp(z0) + Math.exp(z1));
        double o1 = 1 - o0;
        double tail = h0 * (1 - h0) * 0.10;                             // dh0/da0 * da0/dw = h0(1-h0) x_1
        double viaZ0 = (-1 / o1) * (-o1 * o0) * 0.40 * tail;            // j != k case
        double viaZ1 = (-1 / o1) * (o1 * (1 - o1)) * 0.50 * tail;       // j = k case

        assertThat(e.pathCount()).isEqualTo(BigInteger.TWO);
        assertThat(e.shownPaths()).hasSize(2);
        Path p0 = e.shownPaths().get(0);
        Path p1 = e.shownPaths().get(1);
        assertThat(String.join(" -> ", p0.nodes())).isEqualTo("E -> o[0,1] -> z[0,0] -> h[0,0] -> a[0,0] -> 0.weight[0,1]");
        assertThat(String.join(" -> ", p1.nodes())).isEqualTo("E -> o[0,1] -> z[0,1] -> h[0,0] -> a[0,0] -> 0.weight[0,1]");
        assertThat(p0.product()).isCloseTo(viaZ0, within(1e-15));
        assertThat(p1.product()).isCloseTo(viaZ1, within(1e-15));
        assertThat(p0.factors().get(1).note()).contains("j != k");
        assertThat(p1.factors().get(1).note()).contains("j = k");
        assertThat(p0.factors().get(0).formula()).isEqualTo("-t_j/o_j");
        assertThat(p0.factors().get(4).formula()).isEqualTo("y_i");
        assertThat(p0.factors().get(4).value()).isEqualTo(0.10);
        assertThat(e.total()).isCloseTo(viaZ0 + viaZ1, within(1e-15));
        assertThat(Explanation.relativeDifference(e.total(), e.autodiff())).isLessThan(1e-12);
        assertThat(Explanation.relativeDifference(e.total(), e.numeric())).isLessThan(1e-8);
    }

    @Test
    void fusedAndTextbookFormsAgree() {
        Sequential m = classic();
        Tensor w = m.namedParameters().get("0.weight");
        Explanation textbook = PathExplainer.of(LossForm.TEXTBOOK, 64).explain(oneHot(m, 0), w, 1, 0);
        Explanation fused = PathExplainer.of(LossForm.FUSED, 64).explain(oneHot(m, 0), w, 1, 0);
        assertThat(fused.total()).isCloseTo(textbook.total(), within(1e-15));
        assertThat(textbook.other().total()).isCloseTo(fused.total(), within(1e-15));
        assertThat(fused.shownPaths().get(0).factors().get(0).formula()).isEqualTo("(o_k*tau - t_k)");
        assertThat(String.join(" -> ", fused.shownPaths().get(0).nodes())).startsWith("E -> z[0,0] -> h[0,1]");
    }

    @Test
    void softTargetsUseTauAndStillAgree() {
        Sequential m = classic();
        Tensor x = Tensor.of(X, 1, 2);
        Tensor t = Tensor.of(new double[]{0.2, 0.9}, 1, 2); // tau = 1.1
        Supplier<Tensor> loss = () -> new CrossEntropyLoss().apply(m.forward(x), t);
        Tensor w2 = m.namedParameters().get("2.weight");
        Explanation fused = PathExplainer.of(LossForm.FUSED, 64).explain(loss, w2, 1, 0);
        Factor top = fused.shownPaths().get(0).factors().get(0);
        assertThat(top.note()).contains("tau = sum_j t_j = 1.1");
        // dE/dw_ij = y_i (o_j tau - t_j) with j = 1, i = 0
        double h0 = sigmoid(0.15 * 0.05 + 0.20 * 0.10 + 0.35);
        double h1 = sigmoid(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
        double z0 = 0.40 * h0 + 0.45 * h1 + 0.60;
        double z1 = 0.50 * h0 + 0.55 * h1 + 0.60;
        double o1 = Math.exp(z1) / (Math.exp(z0) + Math.exp(z1));
        assertThat(fused.total()).isCloseTo(h0 * (o1 * 1.1 - 0.9), within(1e-15));
        Explanation textbook = PathExplainer.standard().explain(loss, w2, 1, 0);
        assertThat(textbook.pathCount()).isEqualTo(BigInteger.TWO); // E -> o_0 and o_1 (both t_j != 0) -> z_1
        assertThat(textbook.total()).isCloseTo(fused.total(), within(1e-15));
        assertThat(Explanation.relativeDifference(textbook.total(), textbook.autodiff())).isLessThan(1e-12);
    }

    @Test
    void maxPathsGroupsWithExactCountAndTotal() {
        Rng rng = new Rng(3);
        Sequential m = Mlp.of(3, new int[]{4, 4, 4}, 3, "tanh", 0, rng, DType.FLOAT64);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 1, 3);
        Tensor t = Tensor.of(new double[]{0.5, 0.3, 0.6}, 1, 3);
        Supplier<Tensor> loss = () -> new CrossEntropyLoss().apply(m.forward(x), t);
        Tensor w = m.namedParameters().get("0.weight");
        Explanation all = PathExplainer.of(LossForm.TEXTBOOK, 100_000).explain(loss, w, 2, 1);
        Explanation few = PathExplainer.of(LossForm.TEXTBOOK, 5).explain(loss, w, 2, 1);
        // E -> o_j (3) -> z_k (3) -> h3 (4) -> h2 (4) -> h1[2] -> 0.weight[2,1]: 3 * 3 * 4 * 4 = 144 paths
        assertThat(all.pathCount()).isEqualTo(BigInteger.valueOf(144));
        assertThat(few.pathCount()).isEqualTo(BigInteger.valueOf(144));
        assertThat(few.shownCount()).isEqualTo(5);
        assertThat(all.shownCount()).isEqualTo(144);
        assertThat(few.groupedBy()).isEqualTo("E");
        assertThat(few.groups()).hasSize(3);
        assertThat(few.groups().stream().map(PathGroup::count).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(BigInteger.valueOf(144));
        double groupSum = few.groups().stream().mapToDouble(PathGroup::total).sum();
        double listedSum = all.shownPaths().stream().mapToDouble(Path::product).sum();
        assertThat(few.total()).isCloseTo(all.total(), within(0.0));
        assertThat(groupSum).isCloseTo(few.total(), within(1e-14));
        assertThat(listedSum).isCloseTo(few.total(), within(1e-14));
        assertThat(Explanation.relativeDifference(few.total(), few.autodiff())).isLessThan(1e-12);
        String text = TextReport.of(few);
        assertThat(text).contains("showing 5 of 144 paths").contains("via o[0,0]: 48 paths");
        assertThat(PathExplainer.quotas(java.util.List.of(BigInteger.ONE, BigInteger.TEN, BigInteger.TEN), 7))
                .containsExactly(1, 3, 3);
    }

    @Test
    void jsonHoldsThePathsAndTheThreeNumbers() {
        Sequential m = classic();
        Explanation e = PathExplainer.standard().explain(oneHot(m, 1), m.namedParameters().get("0.weight"), 0, 1);
        String json = JsonReport.of(e);
        Object parsed = Json.parse(json);
        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> root = (Map<?, ?>) parsed;
        assertThat(root.get("parameter")).isEqualTo("0.weight[0,1]");
        assertThat(((Json.Num) root.get("pathCount")).bigInteger().intValue()).isEqualTo(2);
        assertThat(((Json.Num) root.get("sum")).doubleValue()).isEqualTo(e.total());
        assertThat(((Json.Num) root.get("autodiff")).doubleValue()).isEqualTo(e.autodiff());
        assertThat(((Json.Num) root.get("numeric")).doubleValue()).isEqualTo(e.numeric());
        java.util.List<?> paths = (java.util.List<?>) root.get("paths");
        assertThat(paths).hasSize(2);
        Map<?, ?> p0 = (Map<?, ?>) paths.get(0);
        assertThat(((java.util.List<?>) p0.get("factors"))).hasSize(5);
        assertThat(((Json.Num) p0.get("product")).doubleValue()).isEqualTo(e.shownPaths().get(0).product());
        Map<?, ?> f1 = (Map<?, ?>) ((java.util.List<?>) p0.get("factors")).get(1);
        assertThat(f1.get("note").toString()).contains("j != k");
        assertThat(((Map<?, ?>) root.get("otherForm")).get("form")).isEqualTo("fused");
    }

    @Test
    void dotHighlightsTheBackwardPath() {
        Sequential m = classic();
        Tensor loss = oneHot(m, 1).get();
        String dot = GraphDot.of(loss, m.namedParameters().get("2.weight"), "2.weight[1,0]");
        assertThat(dot).startsWith("digraph").contains("2.weight\\n[2, 2]").contains("label=\"[1, 2]\"");
        long red = dot.lines().filter(l -> l.matches("\\s*n\\d+ -> n\\d+ .*") && l.contains("#d62728")).count();
        // 2.weight -> Linear (z = h W^T + b, one fused op) -> SoftmaxCrossEntropy: two highlighted edges
        assertThat(red).isEqualTo(2);
        assertThat(dot.lines().filter(l -> l.contains("0.weight") && l.contains("#d62728")).count()).isZero();
    }

    @Test
    void paramParsingErrorsNameTheTextAndTheParameters() {
        Map<String, Tensor> params = classic().namedParameters();
        ParamRef ok = ParamRef.parse("2.weight[1,0]", params);
        assertThat(ok.index()).containsExactly(1, 0);
        assertThat(ok.toString()).isEqualTo("2.weight[1,0]");
        assertThatThrownBy(() -> ParamRef.parse("3.weight[0,0]", params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'3.weight'").hasMessageContaining("0.weight [2, 2], 0.bias [2], 2.weight [2, 2], 2.bias [2]");
        assertThatThrownBy(() -> ParamRef.parse("2.weight[1]", params)).hasMessageContaining("'2.weight[1]'")
                .hasMessageContaining("2 indices");
        assertThatThrownBy(() -> ParamRef.parse("2.weight[2,0]", params)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ParamRef.parse("2.weight[a,0]", params)).hasMessageContaining("'a'");
        assertThatThrownBy(() -> ParamRef.parse("2.weight", params)).hasMessageContaining("needs an index");
        assertThatThrownBy(() -> ParamRef.parse("0.bias[0", params)).hasMessageContaining("'0.bias[0'")
                .hasMessageContaining("parameters: 0.weight");
    }

    @Test
    void derivationShowsTheSumTheCasesAndTheMistake() {
        Sequential m = classic();
        String d = SoftmaxDerivation.of(oneHot(m, 1).get(), 0);
        assertThat(d).contains("sum_j (dE/do_j)(do_j/dz_k)").contains("(j != k)").contains("(j = k)")
                .contains("o_k*tau - t_k").contains("<- t_k = 0: the wrong gradient is exactly 0");
    }
}
