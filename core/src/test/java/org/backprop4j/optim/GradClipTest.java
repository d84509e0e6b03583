package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.backprop4j.optim.OptimTestSupport.param;
import static org.backprop4j.optim.OptimTestSupport.param32;
import static org.backprop4j.optim.OptimTestSupport.setGrad;

import java.util.List;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Clipping by the global L2 norm over all gradients, as torch.nn.utils.clip_grad_norm_. */
class GradClipTest {

    private static double globalNorm(List<Tensor> params) {
        double s = 0;
        for (Tensor p : params) {
            if (p.grad() != null) {
                for (double g : p.grad().toDoubleArray()) {
                    s += g * g;
                }
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void scalesAllGradientsTogetherToMaxNorm() {
        Tensor a = param(0, 0);
        Tensor b = param(0);
        Tensor none = param(5);
        setGrad(a, new double[]{3, 4});
        setGrad(b, new double[]{12});
        List<Tensor> ps = List.of(a, b, none);
        double total = GradClip.clipGradNorm(ps, 2.6);
        assertThat(total).isEqualTo(13.0);
        assertThat(globalNorm(ps)).isCloseTo(2.6, within(2.6 * 1e-6));
        double coef = 2.6 / (13 + 1e-6);
        assertThat(a.grad().toDoubleArray()).containsExactly(3 * coef, 4 * coef);
        assertThat(b.grad().toDoubleArray()).containsExactly(12 * coef);
        assertThat(none.grad()).isNull();
    }

    @Test
    void belowMaxNormIsANoOp() {
        Tensor a = param(0, 0, 0);
        double[] g = {0.1, -0.2, 0.3};
        setGrad(a, g);
        double total = GradClip.clipGradNorm(List.of(a), 1.0);
        assertThat(total).isCloseTo(Math.sqrt(0.14), within(1e-15));
        assertThat(a.grad().toDoubleArray()).containsExactly(g);
    }

    @Test
    void float32GradientsAreClipped() {
        Tensor a = param32(0, 0);
        setGrad(a, new float[]{30, -40});
        double total = GradClip.clipGradNorm(List.of(a), 5);
        assertThat(total).isEqualTo(50.0);
        assertThat(globalNorm(List.of(a))).isCloseTo(5, within(5 * 1e-6));
        assertThat(a.grad().toFloatArray()).containsExactly(3f, -4f);
    }

    @Test
    void nonFiniteNormIsReturnedWithoutScaling() {
        Tensor a = param(0, 0);
        setGrad(a, new double[]{Double.POSITIVE_INFINITY, 1});
        assertThat(GradClip.clipGradNorm(List.of(a), 1)).isInfinite();
        assertThat(a.grad().toDoubleArray()).containsExactly(Double.POSITIVE_INFINITY, 1);
        Tensor b = param(0, 0);
        setGrad(b, new double[]{Double.NaN, 1});
        assertThat(GradClip.clipGradNorm(List.of(b), 1)).isNaN();
        assertThat(b.grad().toDoubleArray()[1]).isEqualTo(1);
    }

    @Test
    void noGradientsGiveZero() {
        assertThat(GradClip.clipGradNorm(List.of(param(1)), 1)).isZero();
    }

    @Test
    void invalidMaxNormIsRejected() {
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(param(1)), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(param(1)), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }
}
