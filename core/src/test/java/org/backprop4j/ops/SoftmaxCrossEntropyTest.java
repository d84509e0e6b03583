package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Reduction;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fused loss's closed-form backward against float64 central differences, for every combination of options. */
class SoftmaxCrossEntropyTest {

    static Stream<Arguments> options() {
        List<Arguments> all = new ArrayList<>();
        for (Reduction r : Reduction.values()) {
            for (boolean weighted : new boolean[]{false, true}) {
                for (double eps : new double[]{0.0, 0.15}) {
                    for (boolean probabilities : new boolean[]{false, true}) {
                        all.add(Arguments.of(r, weighted, eps, probabilities));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} weighted={1} eps={2} probabilities={3}")
    @MethodSource("options")
    void closedFormBackwardMatchesNumericGradient(Reduction reduction, boolean weighted, double eps, boolean probabilities) {
        Rng rng = new Rng(42);
        int n = 4;
        int k = 5;
        Tensor logits = Tensor.uniform(rng, DType.FLOAT64, -3, 3, n, k).requiresGrad();
        CrossEntropyLoss.Builder b = CrossEntropyLoss.builder().reduction(reduction).labelSmoothing(eps).ignoreIndex(-1);
        if (weighted) {
            b.classWeights(Tensor.uniform(rng, DType.FLOAT64, 0.2, 2.0, k));
        }
        CrossEntropyLoss ce = b.build();
        GradCheck.Report report;
        if (probabilities) {
            // unnormalised soft targets: rows sum to anything in (0, 5), so tau != 1; targets get gradients too
            Tensor targets = Tensor.uniform(rng, DType.FLOAT64, 0.0, 1.0, n, k).requiresGrad();
            report = GradCheck.check(x -> ce.apply(x[0], x[1]), logits, targets);
        } else {
            int[] labels = {3, -1, 0, 4}; // includes an ignored sample
            report = GradCheck.check(x -> ce.apply(x[0], labels), logits);
        }
        assertThat(report.maxRelativeError()).as(report.toString()).isLessThan(1e-7);
    }
}
