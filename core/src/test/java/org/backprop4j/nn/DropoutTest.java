package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dropout in training and evaluation mode. */
class DropoutTest {

    @Test
    void trainingZeroesAboutPAndScalesSurvivors() {
        int n = 10_000;
        double[] y = new Dropout(0.5, new Rng(1)).forward(Tensor.ones(DType.FLOAT64, n)).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            assertThat(v).isIn(0.0, 2.0);
            zeros += v == 0 ? 1 : 0;
        }
        // binomial(10000, 0.5): standard deviation 50, so 500 is ten of them
        assertThat(zeros).isBetween(4500, 5500);
    }

    @Test
    void evalModeIsTheIdentity() {
        Dropout d = new Dropout(0.5, new Rng(1));
        Tensor x = Tensor.ones(3, 3);
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
        d.train();
        assertThat(d.forward(x).toFloatArray()).contains(0f);
    }

    @Test
    void zeroProbabilityIsTheIdentityEvenInTraining() {
        Tensor x = Tensor.ones(3, 3);
        assertThat(new Dropout(0.0, new Rng(1)).forward(x)).isSameAs(x);
    }

    @Test
    void probabilityOneDropsEverything() {
        Tensor x = Tensor.ones(2, 2).requiresGrad();
        Tensor y = new Dropout(1.0).forward(x);
        assertThat(y.toFloatArray()).containsOnly(0f);
        y.sum().backward();
        assertThat(x.grad().toFloatArray()).containsOnly(0f);
    }

    @Test
    void sequentialEvalSwitchesDropoutOff() {
        Sequential m = new Sequential(new Linear(8, 8, new Rng(2)), new Dropout(0.5, new Rng(3)));
        Tensor x = Tensor.ones(4, 8);
        m.eval();
        float[] first = m.forward(x).toFloatArray();
        assertThat(m.forward(x).toFloatArray()).containsExactly(first);
        m.train();
        float[] dropped = m.forward(x).toFloatArray();
        int zeros = 0;
        for (int i = 0; i < dropped.length; i++) {
            if (dropped[i] == 0 && first[i] != 0) {
                zeros++;
            } else {
                assertThat(dropped[i]).isEqualTo(2 * first[i]);
            }
        }
        // P(no drop among 32 elements) = 2^-32: with a fixed seed this cannot be chance
        assertThat(zeros).isPositive();
    }

    @Test
    void sameSeedGivesSameMask() {
        Tensor x = Tensor.ones(50);
        assertThat(new Dropout(0.3, new Rng(9)).forward(x).toFloatArray())
                .containsExactly(new Dropout(0.3, new Rng(9)).forward(x).toFloatArray());
    }

    @Test
    void gradCheckWithAFixedMask() {
        Tensor x = Tensor.randn(new Rng(4), DType.FLOAT64, 4, 5).requiresGrad();
        GradCheck.Report r = GradCheck.check(in -> new Dropout(0.3, new Rng(7)).forward(in[0]), x);
        assertThat(r.passed(1e-7)).as(r.toString()).isTrue();
    }

    @Test
    void probabilityOutsideZeroOneIsRejected() {
        assertThatThrownBy(() -> new Dropout(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Dropout(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dropout(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
