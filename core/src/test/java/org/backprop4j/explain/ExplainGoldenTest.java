package org.backprop4j.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.BCEWithLogitsLoss;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.NLLLoss;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the text, JSON, derivation and DOT output of explain byte for byte, over graphs that use every
 * rule of the explainer: the classic sigmoid network (one-hot and soft targets, textbook and fused
 * form), fused Linear+ReLU layers, tanh, element-wise functions read from their backward (leaky ReLU,
 * GELU, sqrt, abs, clamp), arithmetic, softmax, sums and means, a matrix product with and without a
 * bias, elements moved by reshape, transpose and slice, and ops read as Jacobian rows.
 *
 * <p>The golden files under {@code src/test/resources/org/backprop4j/explain/golden/} were written by
 * this test from the code before the derivatives moved into the ops (commit 34ef629), with
 * {@code mvn -B -pl core test -Dtest=ExplainGoldenTest -Dexplain.golden.write=true}: their purpose is
 * "the output is unchanged by that refactor". Write them again only for an intended change of output.
 * All graphs are float64 and small enough that the Vector and plain kernels give the same bits.
 */
class ExplainGoldenTest {
    private static final String DIR = "org/backprop4j/explain/golden/";

    static Stream<String> cases() {
        return outputs().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputIsByteIdenticalToTheGoldenFile(String name) throws IOException {
        String actual = outputs().get(name);
        if (Boolean.getBoolean("explain.golden.write")) {
            Path file = Path.of("src/test/resources", DIR, name + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = ExplainGoldenTest.class.getClassLoader().getResourceAsStream(DIR + name + ".txt")) {
            assertThat(in).as("golden file %s.txt", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Every pinned output by name; each call records its graphs afresh. */
    private static Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        Sequential classic = PathExplainerTest.classic();
        Tensor x = Tensor.of(new double[]{0.05, 0.10}, 1, 2);
        Tensor soft = Tensor.of(new double[]{0.2, 0.9}, 1, 2);
        Supplier<Tensor> oneHot = () -> new CrossEntropyLoss().apply(classic.forward(x), new int[]{1});
        Supplier<Tensor> softLoss = () -> new CrossEntropyLoss().apply(classic.forward(x), soft);
        Tensor w0 = classic.namedParameters().get("0.weight");
        Tensor w2 = classic.namedParameters().get("2.weight");
        reports(out, "classic-textbook", PathExplainer.standard(), oneHot, w0, 0, 1);
        reports(out, "classic-fused", PathExplainer.of(LossForm.FUSED, 64), oneHot, w0, 0, 1);
        reports(out, "classic-soft-textbook", PathExplainer.standard(), softLoss, w2, 0, 1);
        reports(out, "classic-soft-fused", PathExplainer.of(LossForm.FUSED, 64), softLoss, w2, 0, 1);
        reports(out, "classic-bias-one-path", PathExplainer.of(LossForm.TEXTBOOK, 1), oneHot, classic.namedParameters().get("0.bias"), 1);
        out.put("classic-derive", SoftmaxDerivation.of(oneHot.get(), 0));
        out.put("classic-soft-derive", SoftmaxDerivation.of(softLoss.get(), 0));
        out.put("classic-dot", GraphDot.of(oneHot.get(), w0, "0.weight[0,1]"));
        out.put("classic-dot-plain", GraphDot.of(oneHot.get(), null, null));

        Sequential relu = mlp("relu", 3, 4, 4, 3);
        Tensor batch = Tensor.uniform(new Rng(7), DType.FLOAT64, -1, 1, 2, 3);
        Supplier<Tensor> reluLoss = () -> new CrossEntropyLoss().apply(relu.forward(batch), new int[]{2, 0});
        reports(out, "relu-two-layers", PathExplainer.of(LossForm.TEXTBOOK, 5), reluLoss, relu.namedParameters().get("0.weight"), 1, 2);
        reports(out, "relu-two-layers-fused", PathExplainer.of(LossForm.FUSED, 3), reluLoss, relu.namedParameters().get("2.bias"), 3);
        out.put("relu-dot", GraphDot.of(reluLoss.get(), relu.namedParameters().get("2.weight"), null));
        for (String activation : new String[]{"tanh", "leaky-relu", "gelu"}) {
            Sequential m = mlp(activation, 3, 3, 2);
            Supplier<Tensor> loss = () -> new CrossEntropyLoss().apply(m.forward(batch), new int[]{1, 0});
            reports(out, activation, PathExplainer.of(LossForm.TEXTBOOK, 8), loss, m.namedParameters().get("0.weight"), 2, 0);
        }

        Tensor in = Tensor.uniform(new Rng(3), DType.FLOAT64, 0.5, 1.5, 2, 3).named("input");
        Tensor w = Tensor.uniform(new Rng(4), DType.FLOAT64, -1, 1, 4, 3).named("W").requiresGrad();
        Tensor b = Tensor.uniform(new Rng(5), DType.FLOAT64, -1, 1, 4).named("b").requiresGrad();
        Tensor target = Tensor.uniform(new Rng(6), DType.FLOAT64, 0, 1, 2, 4);
        Supplier<Tensor> manualSoftmax = () -> in.matmul(w.t()).add(b).softmax(1).log().mul(target).sum().neg();
        reports(out, "affine-softmax-log", PathExplainer.of(LossForm.TEXTBOOK, 6), manualSoftmax, w, 1, 2);
        out.put("affine-softmax-log-dot", GraphDot.of(manualSoftmax.get(), b, "b[1]"));

        Tensor wOut = Tensor.uniform(new Rng(12), DType.FLOAT64, -1, 1, 3, 4).named("W2").requiresGrad();
        Supplier<Tensor> twoAffine = () -> new CrossEntropyLoss().apply(in.matmul(w.t()).add(b).tanh().matmul(wOut.t()),
                new int[]{2, 1});
        reports(out, "two-affine-transposed", PathExplainer.of(LossForm.FUSED, 6), twoAffine, w, 3, 0);

        Tensor v = Tensor.uniform(new Rng(8), DType.FLOAT64, -1, 1, 3, 2).named("V").requiresGrad();
        Tensor c = Tensor.uniform(new Rng(9), DType.FLOAT64, 1, 2, 2, 2);
        Supplier<Tensor> arithmetic = () -> {
            Tensor y = in.matmul(v);
            Tensor u = y.exp().sub(y.mul(y)).div(y.pow(2).add(c));
            return u.reshape(4).slice(0, 1, 4).mean();
        };
        reports(out, "matmul-arithmetic-moves", PathExplainer.of(LossForm.TEXTBOOK, 10), arithmetic, v, 0, 1);
        out.put("matmul-arithmetic-moves-dot", GraphDot.of(arithmetic.get(), v, null));

        Supplier<Tensor> rows = () -> {
            Tensor y = in.matmul(v);
            Tensor j = Tensor.concat(1, y.sqrt().abs(), y.clamp(-0.2, 0.4), y.logSoftmax(1));
            return j.max(1).sum(0).add(y.sum(0).mul(y.sum(0)).sum());
        };
        reports(out, "jacobian-rows", PathExplainer.of(LossForm.TEXTBOOK, 12), rows, v, 2, 1);
        Supplier<Tensor> bce = () -> new BCEWithLogitsLoss().apply(in.matmul(v).tanh(), c);
        reports(out, "bce-with-logits", PathExplainer.of(LossForm.TEXTBOOK, 4), bce, v, 1, 0);
        Supplier<Tensor> nll = () -> new NLLLoss().apply(in.matmul(v).logSoftmax(1), new int[]{1, 0});
        reports(out, "nll-log-softmax", PathExplainer.of(LossForm.TEXTBOOK, 4), nll, v, 1, 1);
        return out;
    }

    private static void reports(Map<String, String> out, String name, PathExplainer explainer, Supplier<Tensor> loss,
            Tensor param, int... index) {
        Explanation e = explainer.explain(loss, param, index);
        out.put(name, TextReport.of(e));
        out.put(name + "-json", JsonReport.of(e));
    }

    private static Sequential mlp(String activation, int in, int... widths) {
        int[] hidden = java.util.Arrays.copyOfRange(widths, 0, widths.length - 1);
        return Mlp.of(in, hidden, widths[widths.length - 1], activation, 0, new Rng(11), DType.FLOAT64);
    }
}
