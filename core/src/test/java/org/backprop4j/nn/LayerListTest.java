package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The layer language: PyTorch's names and shapes for a CNN, inferred sizes, and one-line errors naming the layer. */
class LayerListTest {
    private static final String CNN = "conv2d(32,3,padding=1) batchnorm2d relu maxpool2d(2) "
            + "conv2d(64, 3, padding=1) relu maxpool2d(2) flatten linear(128) relu dropout(0.3) linear";

    private static Sequential build(String spec, int... sample) {
        return LayerList.build(spec, sample, 10, new Rng(1), DType.FLOAT32);
    }

    @Test
    void theIssueExampleGivesPyTorchNamesAndShapes() {
        Sequential model = build(CNN, 1, 28, 28);
        assertThat(model.size()).isEqualTo(12);
        var state = model.stateDict();
        assertThat(state.get("0.weight").shape()).containsExactly(32, 1, 3, 3);
        assertThat(state.get("1.running_mean").shape()).containsExactly(32);
        assertThat(state.get("4.weight").shape()).containsExactly(64, 32, 3, 3);
        assertThat(state.get("8.weight").shape()).containsExactly(128, 3136);
        assertThat(state.get("11.weight").shape()).containsExactly(10, 128);
        Tensor out = model.forward(Tensor.zeros(2, 1, 28, 28));
        assertThat(out.shape()).containsExactly(2, 10);
    }

    @Test
    void argumentsByPositionOrByName() {
        Sequential model = build("conv2d(8,kernel_size=3,stride=2,groups=1,bias=False) avgpool2d(3,1,1) "
                + "adaptiveavgpool2d(1) flatten linear(4) leakyrelu(0.2) gelu tanh sigmoid batchnorm1d linear", 2, 9, 9);
        assertThat(model.namedParameters()).doesNotContainKey("0.bias");
        assertThat(model.forward(Tensor.zeros(3, 2, 9, 9)).shape()).containsExactly(3, 10);
        assertThat(build("linear(16) relu linear", 64).forward(Tensor.zeros(5, 64)).shape()).containsExactly(5, 10);
    }

    @Test
    void specsThatCannotFitTheDataNameTheLayer() {
        assertThatThrownBy(() -> build("conv2d(8,3) flatten linear", 784))
                .hasMessageStartingWith("layer 1 'conv2d(8,3)': expected images [C, H, W]")
                .hasMessageContaining("--input-shape");
        assertThatThrownBy(() -> build("conv2d(8,9) flatten linear", 1, 8, 8))
                .hasMessageStartingWith("layer 1 'conv2d(8,9)': kernel 9x9 (with dilation) is larger than the padded input 8x8");
        assertThatThrownBy(() -> build("conv2d(4,3) conv2d(6,3,groups=4) flatten linear", 3, 8, 8))
                .hasMessageStartingWith("layer 2 'conv2d(6,3,groups=4)': groups=4 must divide");
        assertThatThrownBy(() -> build("flatten dense(10)", 1, 8, 8))
                .hasMessageStartingWith("layer 2 'dense(10)': unknown layer; expected one of [conv2d, linear");
        assertThatThrownBy(() -> build("conv2d(8,3) linear", 1, 8, 8))
                .hasMessageStartingWith("layer 2 'linear': expected flat features").hasMessageContaining("flatten");
        assertThatThrownBy(() -> build("flatten linear relu", 1, 8, 8))
                .hasMessageStartingWith("layer 2 'linear': expected out_features");
        assertThatThrownBy(() -> build("conv2d(8,3,pad=1) flatten linear", 1, 8, 8))
                .hasMessageStartingWith("layer 1 'conv2d(8,3,pad=1)': unknown argument 'pad'");
        assertThatThrownBy(() -> build("conv2d(8) flatten linear", 1, 8, 8))
                .hasMessageStartingWith("layer 1 'conv2d(8)': expected kernel_size");
        assertThatThrownBy(() -> build("dropout(1.5) flatten linear", 1, 8, 8))
                .hasMessageStartingWith("layer 1 'dropout(1.5)': p must be a number in [0.0, 1.0]");
        assertThatThrownBy(() -> build("maxpool2d(2,2,2) flatten linear", 1, 8, 8))
                .hasMessageContaining("at most half the kernel");
        assertThatThrownBy(() -> build("   ", 4)).hasMessageContaining("empty");
    }
}
