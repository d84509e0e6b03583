package org.backprop4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.backprop4j.internal.Json;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The derivation's numbers against independent references: a brute-force softmax and its central
 * differences for o and the Jacobian, and the autodiff gradient of the fused loss for dE/dz.
 */
class SoftmaxNumbersTest {
    private static final double[] Z = {0.3, -1.2, 2.0};
    private static final double[] T = {0.2, 0.9, 0.5}; // tau = 1.6: soft targets that do not sum to one

    @Test
    void numbersMatchABruteForceSoftmaxAndTheAutodiffGradient() {
        Tensor z = Tensor.of(Z.clone(), 1, 3).requiresGrad();
        Tensor loss = new CrossEntropyLoss().apply(z, Tensor.of(T.clone(), 1, 3));
        SoftmaxNumbers d = SoftmaxNumbers.of(loss, 0);
        loss.backward();
        double[] o = softmax(Z);
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.tau()).isCloseTo(1.6, within(1e-15));
        for (int k = 0; k < 3; k++) {
            assertThat(d.o()[k]).isCloseTo(o[k], within(1e-15));
            assertThat(d.t()[k]).isEqualTo(T[k]);
            assertThat(d.dEdo()[k]).isCloseTo(-T[k] / o[k], within(1e-13));
            // dE/dz_k: the sum over j, the closed form and backward() agree
            assertThat(d.sums()[k]).isCloseTo(d.fused()[k], within(1e-15));
            assertThat(d.fused()[k] / d.divisor()).isCloseTo(z.grad().data().get(k), within(1e-15));
            assertThat(d.wrong()[k]).isCloseTo(T[k] * (o[k] - 1), within(1e-15));
            for (int j = 0; j < 3; j++) {
                double[] up = Z.clone();
                double[] down = Z.clone();
                up[k] += 1e-6;
                down[k] -= 1e-6;
                double numeric = (softmax(up)[j] - softmax(down)[j]) / 2e-6;
                assertThat(d.jacobian()[j][k]).isCloseTo(numeric, within(1e-9));
                assertThat(d.terms()[k][j]).isCloseTo(d.dEdo()[j] * d.jacobian()[j][k], within(1e-15));
            }
        }
        // the mistake differs from the right gradient by o_k (tau - t_k)
        assertThat(d.fused()[0] - d.wrong()[0]).isCloseTo(o[0] * (1.6 - T[0]), within(1e-15));
    }

    @Test
    void jsonHoldsEveryComponent() {
        Tensor loss = new CrossEntropyLoss().apply(Tensor.of(Z.clone(), 1, 3).requiresGrad(), Tensor.of(T.clone(), 1, 3));
        SoftmaxNumbers d = SoftmaxNumbers.of(loss, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(d.toJson());
        assertThat(json.keySet()).containsExactly("sample", "z", "o", "t", "tau", "divisor", "dEdo", "jacobian", "terms",
                "sums", "fused", "wrong");
        assertThat(((Json.Num) json.get("tau")).doubleValue()).isEqualTo(d.tau());
        assertThat(((List<?>) json.get("jacobian"))).hasSize(3);
        assertThat(((Json.Num) ((List<?>) json.get("fused")).get(2)).doubleValue()).isEqualTo(d.fused()[2]);
    }

    @Test
    void aLossThatIsNotSoftmaxCrossEntropyIsRefused() {
        Tensor x = Tensor.of(new double[]{1, 2}, 1, 2).requiresGrad();
        assertThatThrownBy(() -> SoftmaxNumbers.of(x.sum(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax cross-entropy");
        Tensor loss = new CrossEntropyLoss().apply(Tensor.of(Z.clone(), 1, 3).requiresGrad(), new int[]{1});
        assertThatThrownBy(() -> SoftmaxNumbers.of(loss, 1)).hasMessageContaining("outside the batch of 1");
    }

    private static double[] softmax(double[] z) {
        double s = 0;
        for (double v : z) {
            s += Math.exp(v);
        }
        double[] o = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            o[i] = Math.exp(z[i]) / s;
        }
        return o;
    }
}
