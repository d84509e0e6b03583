package org.backprop4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.ref.WeakReference;
import org.backprop4j.nn.CrossEntropyLoss;
import org.junit.jupiter.api.Test;

/** Reverse-mode behaviour: accumulation over paths, scopes, detaching and releasing the graph. */
class AutogradTest {

    @Test
    void tensorUsedTwiceGetsTheSumOfBothPaths() {
        Tensor x = Tensor.of(new double[]{1.5, -2.0}).requiresGrad();
        x.mul(x).add(x).sum().backward(); // d(x^2 + x)/dx = 2x + 1
        assertThat(x.grad().toDoubleArray()).containsExactly(4.0, -3.0);
    }

    /**
     * The classic network: inputs x, hidden y = sigmoid(x W1), logits z = y W2, softmax, cross-entropy.
     * W1[0,0] reaches the loss through y_0 and then through both logits z_0 and z_1: the gradient is the
     * sum over both paths of the product of local derivatives (math note, "paths").
     */
    @Test
    void weightReachingTheLossAlongTwoPathsGetsTheSumOfBoth() {
        double[] x = {0.5, -1.0};
        double[] w1 = {0.3, -0.2, 0.8, 0.4};   // [2 inputs, 2 hidden]
        double[] w2 = {1.1, -0.7, 0.2, 0.9};   // [2 hidden, 2 outputs]
        int label = 1;
        Tensor xt = Tensor.of(x, 1, 2);
        Tensor w1t = Tensor.of(w1, 2, 2).requiresGrad();
        Tensor w2t = Tensor.of(w2, 2, 2).requiresGrad();
        new CrossEntropyLoss().apply(xt.matmul(w1t).sigmoid().matmul(w2t), new int[]{label}).backward();

        // forward by hand
        double a0 = x[0] * w1[0] + x[1] * w1[2];
        double a1 = x[0] * w1[1] + x[1] * w1[3];
        double y0 = 1 / (1 + Math.exp(-a0));
        double y1 = 1 / (1 + Math.exp(-a1));
        double z0 = y0 * w2[0] + y1 * w2[2];
        double z1 = y0 * w2[1] + y1 * w2[3];
        double o0 = Math.exp(z0) / (Math.exp(z0) + Math.exp(z1));
        double o1 = 1 - o0;
        double[] t = {0, 1};
        // path through z_0: dE/dz_0 · dz_0/dy_0 · dy_0/da_0 · da_0/dw
        double pathZ0 = (o0 - t[0]) * w2[0] * y0 * (1 - y0) * x[0];
        // path through z_1
        double pathZ1 = (o1 - t[1]) * w2[1] * y0 * (1 - y0) * x[0];
        double grad = w1t.grad().toDoubleArray()[0];
        assertThat(grad).isCloseTo(pathZ0 + pathZ1, within(1e-15));
        assertThat(Math.abs(grad - pathZ0)).isGreaterThan(1e-3);
        assertThat(Math.abs(grad - pathZ1)).isGreaterThan(1e-3);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor w = Tensor.of(new double[]{2.0}).requiresGrad();
        w.mul(3.0).sum().backward();
        w.mul(3.0).sum().backward();
        assertThat(w.grad().item()).isEqualTo(6.0);
        w.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void backwardWithExplicitGradientForNonScalar() {
        Tensor x = Tensor.of(new double[]{1, 2, 3}).requiresGrad();
        x.mul(2.0).backward(Tensor.of(new double[]{1, 10, 100}));
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 20, 200);
    }

    @Test
    void backwardOnNonScalarWithoutGradientIsRejected() {
        Tensor x = Tensor.of(new double[]{1, 2}).requiresGrad();
        assertThatThrownBy(() -> x.mul(2.0).backward())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2]");
    }

    @Test
    void secondBackwardThroughReleasedGraphIsRejectedUnlessRetained() {
        Tensor x = Tensor.of(new double[]{3.0}).requiresGrad();
        Tensor y = x.mul(x).sum();
        y.backward(null, true);
        y.backward(null, true);
        assertThat(x.grad().item()).isEqualTo(12.0);
        y.backward();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheSetting() {
        Tensor x = Tensor.of(new double[]{1.0}).requiresGrad();
        try (var g = Grad.disabled()) {
            Tensor y = x.mul(2.0);
            assertThat(y.requiresGradFlag()).isFalse();
            assertThat(y.isLeaf()).isTrue();
            try (var inner = Grad.disabled()) {
                assertThat(Grad.isEnabled()).isFalse();
            }
            assertThat(Grad.isEnabled()).isFalse();
        }
        assertThat(Grad.isEnabled()).isTrue();
        assertThat(x.mul(2.0).requiresGradFlag()).isTrue();
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.of(new double[]{2.0}).requiresGrad();
        Tensor y = x.mul(x);
        Tensor z = y.detach().mul(x).sum(); // dz/dx = y, treating y as a constant
        z.backward();
        assertThat(x.grad().item()).isEqualTo(4.0);
    }

    @Test
    void requiresGradOnNonLeafIsRejected() {
        Tensor y = Tensor.of(new double[]{1.0}).requiresGrad().mul(2.0);
        assertThatThrownBy(y::requiresGrad).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void backwardWithoutAnyTrackedInputIsRejected() {
        assertThatThrownBy(() -> Tensor.of(new double[]{1.0}).sum().backward())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("requiresGrad");
    }

    @Test
    void graphIsReleasedAfterBackward() {
        Tensor w = Tensor.of(new double[]{1, 2, 3, 4}, 2, 2).requiresGrad();
        Tensor hidden = w.matmul(w).tanh();
        WeakReference<Tensor> ref = new WeakReference<>(hidden);
        Tensor loss = hidden.sum();
        hidden = null;
        assertThat(loss.inputs()).hasSize(1);
        loss.backward();
        assertThat(loss.inputs()).isEmpty();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("intermediate tensor collected after backward").isNull();
    }

    @Test
    void deepGraphDoesNotOverflowTheStack() {
        Tensor x = Tensor.of(new double[]{1.0}).requiresGrad();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(0.0);
        }
        y.sum().backward();
        assertThat(x.grad().item()).isEqualTo(1.0);
    }
}
