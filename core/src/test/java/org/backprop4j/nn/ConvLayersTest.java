package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling layers: PyTorch's initial value ranges, names and printing, the
 * builder's settings, state dicts of a CNN in PyTorch's order, and Flatten after pooling.
 */
class ConvLayersTest {

    private static Sequential cnn(Rng rng) {
        return new Sequential(
                Conv2d.builder(1, 4, 3).padding(1).rng(rng).build(), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(4, 6, 3).padding(1).groups(2).bias(false).rng(rng).build(), new ReLU(),
                new AvgPool2d(2), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(6, 3, rng));
    }

    @Test
    void initialValuesFollowPyTorchDefaults() {
        Conv2d conv = Conv2d.builder(8, 16, 3).rng(new Rng(1)).build();
        double bound = 1 / Math.sqrt(8 * 9); // kaiming_uniform(a=sqrt(5)) and the bias: 1/sqrt(fan_in)
        for (String name : new String[]{"weight", "bias"}) {
            double[] v = conv.namedParameters().get(name).toDoubleArray();
            double max = 0;
            for (double d : v) {
                max = Math.max(max, Math.abs(d));
            }
            assertThat(max).as(name).isLessThanOrEqualTo(bound).isGreaterThan(0.8 * bound);
        }
        assertThat(conv.weight().shape()).containsExactly(16, 8, 3, 3);
        Conv2d grouped = Conv2d.builder(8, 4, 3).kernel(2, 5).groups(4).rng(new Rng(2)).build();
        assertThat(grouped.weight().shape()).containsExactly(4, 2, 2, 5);
        double gBound = 1 / Math.sqrt(2 * 10);
        assertThat(java.util.Arrays.stream(grouped.bias().toDoubleArray()).allMatch(d -> Math.abs(d) <= gBound)).isTrue();
    }

    @Test
    void namesAndPrintingAreThoseOfPyTorch() {
        Sequential model = cnn(new Rng(3));
        assertThat(model.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "9.weight", "9.bias");
        assertThat(model.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "4.weight", "9.weight", "9.bias");
        assertThat(new Conv2d(1, 32, 3).toString()).isEqualTo("Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))");
        assertThat(Conv2d.builder(4, 6, 3).stride(2).padding(1).dilation(2).groups(2).bias(false).build().toString())
                .isEqualTo("Conv2d(4, 6, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), dilation=(2, 2), groups=2,"
                        + " bias=False)");
        assertThat(new MaxPool2d(2).toString())
                .isEqualTo("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)");
        assertThat(new AvgPool2d(3, 2, 1).toString()).isEqualTo("AvgPool2d(kernel_size=3, stride=2, padding=1)");
    }

    @Test
    void aCnnRunsBackwardAndItsStateRoundTrips() {
        Sequential model = cnn(new Rng(4));
        Tensor x = Tensor.uniform(new Rng(5), DType.FLOAT32, -1, 1, 2, 1, 8, 8);
        Tensor out = model.forward(x);
        assertThat(out.shape()).containsExactly(2, 3);
        out.sum().backward();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            assertThat(e.getValue().grad()).as(e.getKey()).isNotNull();
            assertThat(e.getValue().grad().shape()).as(e.getKey()).containsExactly(e.getValue().shape());
        }
        Sequential other = cnn(new Rng(6));
        Map<String, NDArray> state = model.stateDict();
        other.loadStateDict(state);
        model.eval();
        other.eval();
        assertThat(other.forward(x).toFloatArray()).containsExactly(model.forward(x).toFloatArray());
        other.to(DType.FLOAT64);
        assertThat(other.forward(x.to(DType.FLOAT64)).toDoubleArray())
                .containsExactly(model.forward(x).toDoubleArray(), within(1e-5));
    }

    @Test
    void flattenAfterPoolingGivesRowsPerImage() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 2 * 3 * 4 * 4, 1).reshape(2, 3, 4, 4);
        Tensor y = new Flatten().forward(new MaxPool2d(2).forward(x));
        assertThat(y.shape()).containsExactly(2, 12);
        assertThat(y.toDoubleArray()[0]).isEqualTo(5);
    }

    @Test
    void badSettingsAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> Conv2d.builder(3, 4, 3).groups(2).build()).hasMessageContaining("groups=2 must divide");
        assertThatThrownBy(() -> new Conv2d(1, 4, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Conv2d.builder(1, 4, 3).padding(-1).build()).hasMessageContaining("padding");
        assertThatThrownBy(() -> new MaxPool2d(2, 2, 2)).hasMessageContaining("half the kernel");
        assertThatThrownBy(() -> new AdaptiveAvgPool2d(2)).hasMessageContaining("output_size=1");
        assertThatThrownBy(() -> new Conv2d(2, 4, 3).forward(Tensor.zeros(1, 3, 5, 5)))
                .hasMessageContaining("needs input [N, 2, H, W], got [1, 3, 5, 5]");
    }
}
