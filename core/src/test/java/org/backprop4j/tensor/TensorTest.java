package org.backprop4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.ReferenceValues;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.junit.jupiter.api.Test;

/** Values of the forward computations and the creation functions. */
class TensorTest {

    @Test
    void creationFunctions() {
        assertThat(Tensor.zeros(2, 3).shape()).containsExactly(2, 3);
        assertThat(Tensor.zeros(2, 3).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.ones(DType.FLOAT64, 2).toDoubleArray()).containsExactly(1, 1);
        assertThat(Tensor.full(DType.FLOAT64, 7.5, 3).toDoubleArray()).containsExactly(7.5, 7.5, 7.5);
        assertThat(Tensor.arange(4).toDoubleArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(DType.FLOAT64, 1, 2, 0.25).toDoubleArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.arange(DType.FLOAT64, 3, 0, -1).toDoubleArray()).containsExactly(3, 2, 1);
        assertThat(Tensor.eye(3).toDoubleArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).get(1, 2)).isEqualTo(6);
        assertThat(Tensor.scalar(2.5).shape()).isEmpty();
    }

    @Test
    void randomCreationIsSeededAndHasTheRightDistribution() {
        Tensor a = Tensor.randn(new Rng(5), DType.FLOAT64, 20_000);
        Tensor b = Tensor.randn(new Rng(5), DType.FLOAT64, 20_000);
        assertThat(a.toDoubleArray()).containsExactly(b.toDoubleArray());
        double mean = a.mean().item();
        double var = a.sub(mean).pow(2).mean().item();
        // standard errors: mean 0.007, variance 0.01 at n = 20000
        assertThat(mean).isCloseTo(0, within(0.04));
        assertThat(var).isCloseTo(1, within(0.05));
        Tensor u = Tensor.uniform(new Rng(6), DType.FLOAT64, -2, 3, 10_000);
        assertThat(u.max().item()).isLessThan(3).isGreaterThan(2.9);
        assertThat(u.neg().max().item()).isLessThanOrEqualTo(2).isGreaterThan(1.9);
        assertThat(Tensor.rand(new Rng(1), 3, 4).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void broadcastingFollowsNumPyRules() {
        Tensor a = Tensor.of(new double[]{1, 2, 3}, 3, 1);
        Tensor b = Tensor.of(new double[]{10, 20}, 1, 2);
        Tensor c = a.add(b);
        assertThat(c.shape()).containsExactly(3, 2);
        assertThat(c.toDoubleArray()).containsExactly(11, 21, 12, 22, 13, 23);
        Tensor m = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(m.mul(Tensor.of(new double[]{1, 0, -1})).toDoubleArray()).containsExactly(1, 0, -3, 4, 0, -6);
        assertThat(m.sub(1.0).div(2.0).toDoubleArray()).containsExactly(0, 0.5, 1, 1.5, 2, 2.5);
    }

    @Test
    void incompatibleShapesAndDtypesNameBothShapes() {
        Tensor a = Tensor.of(new double[]{1, 2, 3}, 3);
        assertThatThrownBy(() -> a.add(Tensor.of(new double[]{1, 2}, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> a.add(Tensor.of(new float[]{1, 2, 3}, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32").hasMessageContaining("float64");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
    }

    @Test
    void matmulMatchesTheDefinition() {
        Tensor a = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[]{7, 8, 9, 10, 11, 12}, 3, 2);
        assertThat(a.matmul(b).toDoubleArray()).containsExactly(58, 64, 139, 154);
        Tensor batched = Tensor.stack(0, a, a.mul(2.0)).matmul(b);
        assertThat(batched.shape()).containsExactly(2, 2, 2);
        assertThat(batched.toDoubleArray()).containsExactly(58, 64, 139, 154, 116, 128, 278, 308);
    }

    @Test
    void reductionsOverDimensions() {
        Tensor m = Tensor.of(new double[]{1, 5, 3, 4, 2, 6}, 2, 3);
        assertThat(m.sum().item()).isEqualTo(21);
        assertThat(m.sum(0).toDoubleArray()).containsExactly(5, 7, 9);
        assertThat(m.sum(1, true).shape()).containsExactly(2, 1);
        assertThat(m.mean(1).toDoubleArray()).containsExactly(3, 4);
        assertThat(m.max(1).toDoubleArray()).containsExactly(5, 6);
        assertThat(m.max().item()).isEqualTo(6);
        assertThat(m.argmax(1)).containsExactly(1, 2);
        assertThat(m.argmax(0)).containsExactly(1, 0, 1);
        assertThat(m.argmax()).isEqualTo(5);
    }

    @Test
    void softmaxRowsAreDistributionsAndLogSoftmaxIsTheirLog() {
        Tensor z = Tensor.of(new double[]{1, 2, 3, -1000, 0, 1000}, 2, 3);
        double[] o = z.softmax(1).toDoubleArray();
        assertThat(o[0] + o[1] + o[2]).isCloseTo(1, within(1e-15));
        assertThat(o[5]).isEqualTo(1.0);
        double[] lo = z.logSoftmax(1).toDoubleArray();
        assertThat(Math.exp(lo[1])).isCloseTo(o[1], within(1e-15));
        assertThat(lo[3]).isEqualTo(-2000.0); // finite: never log of an underflowed probability
    }

    @Test
    void shapeOperations() {
        Tensor m = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(m.t().toDoubleArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(m.reshape(-1, 2).shape()).containsExactly(3, 2);
        assertThat(Tensor.concat(0, m, m).shape()).containsExactly(4, 3);
        assertThat(Tensor.concat(1, m, m).toDoubleArray()).containsExactly(1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6);
        assertThat(Tensor.stack(1, m, m).shape()).containsExactly(2, 2, 3);
        assertThat(m.rows(1, 2).toDoubleArray()).containsExactly(4, 5, 6);
        assertThat(m.rows(new int[]{1, 1, 0}).toDoubleArray()).containsExactly(4, 5, 6, 4, 5, 6, 1, 2, 3);
        assertThat(m.slice(1, 1, 3).toDoubleArray()).containsExactly(2, 3, 5, 6);
        assertThat(Tensor.zeros(2, 3, 4).flatten().shape()).containsExactly(2, 12);
        assertThat(Tensor.zeros(2, 3, 4).transpose(0, 2).shape()).containsExactly(4, 3, 2);
    }

    @Test
    void elementWiseValues() {
        Tensor x = Tensor.of(new double[]{-2, 0.5, 4});
        assertThat(x.abs().toDoubleArray()).containsExactly(2, 0.5, 4);
        assertThat(x.clamp(-1, 1).toDoubleArray()).containsExactly(-1, 0.5, 1);
        assertThat(x.relu().toDoubleArray()).containsExactly(0, 0.5, 4);
        assertThat(x.leakyRelu().toDoubleArray()).containsExactly(-0.02, 0.5, 4);
        assertThat(x.pow(2).toDoubleArray()).containsExactly(4, 0.25, 16);
        assertThat(x.neg().toDoubleArray()).containsExactly(2, -0.5, -4);
        assertThat(Tensor.of(new double[]{4, 9}).sqrt().toDoubleArray()).containsExactly(2, 3);
        assertThat(Tensor.of(new double[]{0}).exp().item()).isEqualTo(1);
        assertThat(Tensor.of(new double[]{1}).log().item()).isEqualTo(0);
        assertThat(Tensor.of(new double[]{0}).sigmoid().item()).isEqualTo(0.5);
        assertThat(Tensor.of(new double[]{-800}).sigmoid().item()).isEqualTo(0.0);
        assertThat(Tensor.of(new double[]{1}).tanh().item()).isCloseTo(Math.tanh(1), within(0.0));
        // gelu(1) = Phi(1), from mpmath (core/src/test/python/reference_values.py)
        assertThat(Tensor.of(new double[]{1}).gelu().item()).isCloseTo(ReferenceValues.of("normal_cdf.value")[0], within(1e-15));
    }

    @Test
    void dropoutZeroesAboutPAndKeepsTheExpectation() {
        Tensor x = Tensor.ones(DType.FLOAT64, 10_000);
        double[] y = x.dropout(0.25, new Rng(3)).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            assertThat(v).isIn(0.0, 1 / 0.75);
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros).isBetween(2300, 2700);
    }

    @Test
    void toStringShowsShapeDtypeAndAbbreviatedValues() {
        String small = Tensor.of(new float[]{1, 2.5f}, 2).toString();
        assertThat(small).contains("shape=[2]").contains("float32").contains("2.50000");
        String big = Tensor.zeros(100, 100).toString();
        assertThat(big).contains("...").contains("shape=[100, 100]");
        assertThat(big.length()).isLessThan(2000);
        assertThat(Tensor.of(new double[]{1}).requiresGrad().mul(2.0).toString()).contains("requiresGrad").contains("Mul");
    }
}
