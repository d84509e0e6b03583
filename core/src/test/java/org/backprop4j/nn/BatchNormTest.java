package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ops.TorchReference;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchNorm2d} and {@link BatchNorm1d} against PyTorch 1.13 (outputs, gradients, running
 * statistics after two batches, evaluation with them), against a direct formula, and against
 * float64 central differences in training and evaluation.
 */
class BatchNormTest {

    private static void assertClose(Tensor got, String name, double tol) {
        Tensor want = TorchReference.get(name);
        assertThat(got.shape()).as(name).containsExactly(want.shape());
        assertThat(got.toDoubleArray()).as(name).containsExactly(want.toDoubleArray(), within(tol));
    }

    /** The flow of conv_reference.py's bn_case: train on x1 (with gradients) and 3·x2 + 1, then evaluate x3. */
    private static void matchesTorch(String name, BatchNormNd bn, DType dtype) {
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
        bn.to(dtype);
        bn.namedParameters().get("weight").data().copyFrom(TorchReference.get(name + ".weight").data().astype(dtype));
        bn.namedParameters().get("bias").data().copyFrom(TorchReference.get(name + ".bias").data().astype(dtype));
        bn.train();
        Tensor x1 = TorchReference.get(name + ".x1").to(dtype).requiresGrad();
        Tensor y1 = bn.forward(x1);
        Tensor gy = TorchReference.get(name + ".gy").to(dtype);
        y1.backward(gy);
        assertClose(y1, name + ".y1", tol);
        assertClose(x1.grad(), name + ".dx1", tol);
        assertClose(bn.namedParameters().get("weight").grad(), name + ".dweight", tol);
        assertClose(bn.namedParameters().get("bias").grad(), name + ".dbias", tol);
        bn.forward(TorchReference.get(name + ".x2").to(dtype).mul(3).add(1));
        var state = bn.stateDict();
        assertClose(Tensor.wrap(state.get("running_mean")), name + ".running_mean", tol);
        assertClose(Tensor.wrap(state.get("running_var")), name + ".running_var", tol);
        assertClose(Tensor.wrap(state.get("num_batches_tracked")), name + ".num_batches_tracked", 0);
        bn.eval();
        Tensor x3 = TorchReference.get(name + ".x3").to(dtype).requiresGrad();
        Tensor y3 = bn.forward(x3);
        y3.backward(gy);
        assertClose(y3, name + ".y3", tol);
        assertClose(x3.grad(), name + ".dx3", tol);
    }

    @Test
    void batchNorm2dMatchesPyTorch() {
        for (DType dtype : DType.values()) {
            matchesTorch("bn2d", new BatchNorm2d(3), dtype);
        }
    }

    @Test
    void batchNorm1dMatchesPyTorch() {
        for (DType dtype : DType.values()) {
            matchesTorch("bn1d", new BatchNorm1d(4), dtype);
        }
    }

    @Test
    void trainingOutputIsTheDirectFormula() {
        Tensor x = Tensor.uniform(new Rng(1), DType.FLOAT64, -2, 2, 3, 2, 2, 3);
        Tensor y = x.batchNorm(Tensor.of(new double[]{2, 0.5}), Tensor.of(new double[]{1, -1}), null, null, true, 0.1,
                1e-5);
        double[] xs = x.toDoubleArray();
        double[] gamma = {2, 0.5};
        double[] beta = {1, -1};
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double sq = 0;
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < 6; i++) {
                    sum += xs[(n * 2 + c) * 6 + i];
                }
            }
            double mean = sum / 18;
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < 6; i++) {
                    sq += Math.pow(xs[(n * 2 + c) * 6 + i] - mean, 2);
                }
            }
            double std = Math.sqrt(sq / 18 + 1e-5);
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < 6; i++) {
                    int k = (n * 2 + c) * 6 + i;
                    assertThat(y.toDoubleArray()[k]).isCloseTo((xs[k] - mean) / std * gamma[c] + beta[c], within(1e-12));
                }
            }
        }
    }

    @Test
    void gradientsMatchCentralDifferencesInTrainingAndEvaluation() {
        Tensor x = Tensor.uniform(new Rng(2), DType.FLOAT64, -2, 2, 4, 3, 2, 3).requiresGrad();
        Tensor gamma = Tensor.uniform(new Rng(3), DType.FLOAT64, 0.5, 1.5, 3).requiresGrad();
        Tensor beta = Tensor.uniform(new Rng(4), DType.FLOAT64, -1, 1, 3).requiresGrad();
        GradCheck.Report train = GradCheck.check(t -> t[0].batchNorm(t[1], t[2], null, null, true, 0.1, 1e-5),
                x, gamma, beta);
        assertThat(train.maxRelativeError()).as(train.toString()).isLessThan(1e-6);
        NDArray mean = NDArray.wrap(new double[]{0.1, -0.2, 0.3}, 3);
        NDArray var = NDArray.wrap(new double[]{0.5, 1.5, 2.0}, 3);
        GradCheck.Report eval = GradCheck.check(t -> t[0].batchNorm(t[1], t[2], mean, var, false, 0.1, 1e-5),
                x, gamma, beta);
        assertThat(eval.maxRelativeError()).as(eval.toString()).isLessThan(1e-7);
        Tensor flat = Tensor.uniform(new Rng(5), DType.FLOAT64, -2, 2, 5, 3).requiresGrad();
        GradCheck.Report oneD = GradCheck.check(t -> t[0].batchNorm(t[1], t[2], null, null, true, 0.1, 1e-5),
                flat, gamma, beta);
        assertThat(oneD.maxRelativeError()).as(oneD.toString()).isLessThan(1e-6);
    }

    @Test
    void buffersAreSavedLoadedAndConverted() {
        BatchNorm2d bn = new BatchNorm2d(2);
        assertThat(bn.stateDict()).containsOnlyKeys("weight", "bias", "running_mean", "running_var",
                "num_batches_tracked");
        assertThat(bn.namedParameters()).containsOnlyKeys("weight", "bias");
        assertThat(bn.namedBuffers()).containsOnlyKeys("running_mean", "running_var", "num_batches_tracked");
        assertThat(bn.stateDict().get("num_batches_tracked").shape()).isEmpty();
        bn.forward(Tensor.uniform(new Rng(1), DType.FLOAT32, -1, 1, 2, 2, 3, 3));
        BatchNorm2d copy = new BatchNorm2d(2);
        copy.loadStateDict(bn.stateDict());
        assertThat(copy.runningMean().toDoubleArray()).containsExactly(bn.runningMean().toDoubleArray());
        assertThat(copy.stateDict().get("num_batches_tracked").get(0)).isEqualTo(1.0);
        copy.to(DType.FLOAT64);
        assertThat(copy.stateDict().values()).allMatch(a -> a.dtype() == DType.FLOAT64);
        assertThat(copy.runningVar().toDoubleArray()).containsExactly(bn.runningVar().toDoubleArray());
        assertThatThrownBy(() -> new BatchNorm1d(2).forward(Tensor.zeros(1, 2)))
                .hasMessageContaining("more than 1 value per channel");
        assertThatThrownBy(() -> new BatchNorm2d(3).forward(Tensor.zeros(2, 2, 3, 3)))
                .hasMessageContaining("C = 3");
        assertThat(new BatchNorm2d(32).toString())
                .isEqualTo("BatchNorm2d(32, eps=1.0E-5, momentum=0.1, affine=True, track_running_stats=True)");
    }
}
