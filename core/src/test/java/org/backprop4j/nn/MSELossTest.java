package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MSELoss against the sum of squared differences computed by hand. */
class MSELossTest {

    private static final double[] A = {1.0, -2.0, 0.5, 3.0};
    private static final double[] B = {0.5, 0.0, 0.5, -1.0};

    @Test
    void everyReductionMatchesTheFormula() {
        Tensor a = Tensor.of(A, 2, 2);
        Tensor b = Tensor.of(B, 2, 2);
        // squared differences 0.25, 4, 0, 16
        assertThat(MSELoss.builder().reduction(Reduction.NONE).build().apply(a, b).toDoubleArray())
                .containsExactly(0.25, 4, 0, 16);
        assertThat(MSELoss.builder().reduction(Reduction.SUM).build().apply(a, b).item()).isEqualTo(20.25);
        assertThat(new MSELoss().apply(a, b).item()).isEqualTo(20.25 / 4);
        assertThat(new MSELoss().reduction()).isEqualTo(Reduction.MEAN);
    }

    @Test
    void gradientIsTwoDifferencesOverN() {
        Tensor a = Tensor.of(A, 2, 2).requiresGrad();
        Tensor b = Tensor.of(B, 2, 2).requiresGrad();
        new MSELoss().apply(a, b).backward();
        for (int i = 0; i < 4; i++) {
            assertThat(a.grad().toDoubleArray()[i]).isCloseTo(2 * (A[i] - B[i]) / 4, within(1e-15));
            assertThat(b.grad().toDoubleArray()[i]).isCloseTo(-2 * (A[i] - B[i]) / 4, within(1e-15));
        }
    }

    @Test
    void gradCheckEveryReduction() {
        for (Reduction r : Reduction.values()) {
            GradCheck.Report rep = GradCheck.check(in -> MSELoss.builder().reduction(r).build().apply(in[0], in[1]),
                    Tensor.of(A, 2, 2).requiresGrad(), Tensor.of(B, 2, 2).requiresGrad());
            assertThat(rep.passed(1e-7)).as(r + ": " + rep).isTrue();
        }
    }

    @Property(tries = 100)
    void meanIsTheAverageSquaredDifference(@ForAll @Size(min = 1, max = 20) double[] seed,
                                           @ForAll @DoubleRange(min = -10, max = 10) double shift) {
        double[] target = new double[seed.length];
        double[] input = new double[seed.length];
        double expected = 0;
        for (int i = 0; i < seed.length; i++) {
            input[i] = Math.max(-1e3, Math.min(1e3, seed[i]));
            target[i] = input[i] * 0.5 + shift;
            double d = input[i] - target[i];
            expected += d * d / seed.length;
        }
        double actual = new MSELoss().apply(Tensor.of(input), Tensor.of(target)).item();
        assertThat(actual).isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
    }

    @Test
    void shapesMustMatch() {
        assertThatThrownBy(() -> new MSELoss().apply(Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2, 3]");
    }
}
