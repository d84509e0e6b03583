package org.backprop4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Convolution and pooling values and gradients against PyTorch 1.13 ({@link TorchReference}), in
 * float64 (to 1e-12) and float32 (to 1e-5); the pooling inputs have ties (values rounded to 0.1).
 */
class TorchComparisonTest {

    private static void assertClose(Tensor got, String name, DType dtype) {
        Tensor want = TorchReference.get(name);
        assertThat(got.shape()).as(name).containsExactly(want.shape());
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertThat(got.toDoubleArray()).as(name + " " + dtype).containsExactly(want.toDoubleArray(), within(tol));
    }

    private static void checkConv(String name, boolean bias, Function<Tensor[], Tensor> conv) {
        for (DType dtype : DType.values()) {
            Tensor x = TorchReference.get(name + ".x").to(dtype).requiresGrad();
            Tensor w = TorchReference.get(name + ".w").to(dtype).requiresGrad();
            Tensor b = bias ? TorchReference.get(name + ".b").to(dtype).requiresGrad() : null;
            Tensor y = conv.apply(new Tensor[]{x, w, b});
            y.backward(TorchReference.get(name + ".gy").to(dtype));
            assertClose(y, name + ".y", dtype);
            assertClose(x.grad(), name + ".dx", dtype);
            assertClose(w.grad(), name + ".dw", dtype);
            if (bias) {
                assertClose(b.grad(), name + ".db", dtype);
            }
        }
    }

    private static void checkPool(String name, Function<Tensor, Tensor> pool) {
        for (DType dtype : DType.values()) {
            Tensor x = TorchReference.get(name + ".x").to(dtype).requiresGrad();
            Tensor y = pool.apply(x);
            y.backward(TorchReference.get(name + ".gy").to(dtype));
            assertClose(y, name + ".y", dtype);
            assertClose(x.grad(), name + ".dx", dtype);
        }
    }

    @Test
    void convolutionWithPadding() {
        checkConv("conv.pad1", true, t -> t[0].conv2d(t[1], t[2], 1, 1, 1, 1));
    }

    @Test
    void convolutionWithMixedStrideDilationAndGroups() {
        checkConv("conv.mixed", true, t -> t[0].conv2d(t[1], t[2], new int[]{2, 1}, new int[]{1, 0},
                new int[]{1, 2}, 2));
    }

    @Test
    void pointwiseConvolutionWithStride() {
        checkConv("conv.pointwise_stride2", false, t -> t[0].conv2d(t[1], null, 2, 0, 1, 1));
    }

    @Test
    void maxPoolingWithTiesAndPadding() {
        checkPool("maxpool.k3s2p1", x -> x.maxPool2d(3, 2, 1));
        checkPool("maxpool.k2s1", x -> x.maxPool2d(2, 1, 0));
    }

    @Test
    void averagePoolingCountsThePadding() {
        checkPool("avgpool.k3s2p1", x -> x.avgPool2d(3, 2, 1));
    }

    @Test
    void globalAveragePooling() {
        checkPool("adaptiveavg", x -> x.adaptiveAvgPool2d(1));
    }
}
