package org.backprop4j.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.ops.Op;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checker itself: it must pass correct gradients and catch wrong ones. */
class GradCheckTest {

    /** Softmax whose backward keeps only the j = k term of the Jacobian: the classic mistake. */
    private static final class DiagonalOnlySoftmax extends Op {
        private NDArray y;

        @Override
        public NDArray forward(NDArray... in) {
            y = in[0].map(Math::exp);
            double s = 0;
            for (int i = 0; i < y.size(); i++) {
                s += y.get(i);
            }
            y.scaleInPlace(1 / s);
            return y;
        }

        @Override
        public NDArray[] backward(NDArray g, boolean[] needsGrad) {
            NDArray gx = y.zerosLike();
            for (int i = 0; i < y.size(); i++) {
                gx.set(i, g.get(i) * y.get(i) * (1 - y.get(i)));
            }
            return new NDArray[]{gx};
        }
    }

    @Test
    void catchesADroppedJacobianTerm() {
        Tensor z = Tensor.of(new double[]{0.5, -1.0, 2.0}).requiresGrad();
        GradCheck.Report wrong = GradCheck.check(x -> Tensor.record(new DiagonalOnlySoftmax(), x[0]), z);
        assertThat(wrong.maxRelativeError()).isGreaterThan(0.1);
        assertThat(wrong.passed(1e-7)).isFalse();
        GradCheck.Report right = GradCheck.check(x -> x[0].softmax(0), z);
        assertThat(right.passed(1e-9)).as(right.toString()).isTrue();
    }

    @Test
    void reportsWhereTheWorstErrorIs() {
        Tensor a = Tensor.of(new double[]{1, 2}).requiresGrad();
        Tensor b = Tensor.of(new double[]{0.5, 0.25, 0.1}).requiresGrad();
        GradCheck.Report r = GradCheck.check(x -> Tensor.concat(0, x[0], Tensor.record(new DiagonalOnlySoftmax(), x[1])), a, b);
        assertThat(r.input()).isEqualTo(1);
        assertThat(r.index()).isBetween(0, 2);
        assertThat(r.checked()).isEqualTo(5);
        assertThat(r.toString()).contains("input 1");
    }

    @Test
    void checksFloat32InputsInFloat64() {
        Tensor x = Tensor.of(new float[]{0.3f, -0.7f}).requiresGrad();
        assertThat(GradCheck.check(t -> t[0].tanh().sum(), x).passed(1e-9)).isTrue();
    }

    @Test
    void checksEveryParameterOfAModule() {
        Rng rng = new Rng(3);
        Sequential mlp = Mlp.of(3, new int[]{4}, 2, "sigmoid", 0, rng, DType.FLOAT64);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 5, 3);
        int[] y = {0, 1, 1, 0, 1};
        Map<String, GradCheck.Report> reports = GradCheck.checkParameters(mlp.namedParameters(),
                () -> new CrossEntropyLoss().apply(mlp.forward(x), y));
        assertThat(reports).containsOnlyKeys("0.weight", "0.bias", "2.weight", "2.bias");
        reports.forEach((name, r) -> assertThat(r.passed(1e-8)).as(name + " " + r).isTrue());
        assertThat(reports.get("0.weight").checked()).isEqualTo(12);
    }

    @Test
    void parameterCheckRequiresFloat64() {
        Sequential mlp = Mlp.of(2, new int[]{2}, 2, "tanh", 0, new Rng(1), DType.FLOAT32);
        assertThatThrownBy(() -> GradCheck.checkParameters(mlp.namedParameters(),
                () -> mlp.forward(Tensor.zeros(1, 2)).sum()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.weight").hasMessageContaining("float64");
    }
}
