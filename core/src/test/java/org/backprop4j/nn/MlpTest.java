package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void theBuilderLaysOutPyTorchsSequential() {
        Sequential m = Mlp.builder(4, 3).hidden(8, 5).activation(Activation.TANH).dropout(0.2).rng(new Rng(1))
                .dtype(DType.FLOAT64).build();
        assertThat(m.toString()).isEqualTo("Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=true)\n"
                + "  (1): Tanh()\n  (2): Dropout(p=0.2)\n  (3): Linear(in_features=8, out_features=5, bias=true)\n"
                + "  (4): Tanh()\n  (5): Dropout(p=0.2)\n  (6): Linear(in_features=5, out_features=3, bias=true)\n)");
        assertThat(m.parameters()).allMatch(p -> p.dtype() == DType.FLOAT64);
    }

    @Test
    void theStringFormIsTheBuilderWithAParsedActivation() {
        Sequential a = Mlp.of(3, new int[]{4}, 2, "Leaky_ReLU", 0, new Rng(2), DType.FLOAT32);
        Sequential b = Mlp.builder(3, 2).hidden(4).activation(Activation.LEAKY_RELU).rng(new Rng(2)).build();
        assertThat(a.toString()).isEqualTo(b.toString());
        a.stateDict().forEach((k, v) -> assertThat(v.floatData()).isEqualTo(b.stateDict().get(k).floatData()));
    }

    @Test
    void everyActivationIsListedAndParsesFromItsLabel() {
        assertThat(Mlp.ACTIVATIONS).isEqualTo(Arrays.stream(Activation.values()).map(Activation::label)
                .collect(Collectors.joining(", ")));
        for (Activation a : Activation.values()) {
            assertThat(Activation.parse(a.label().toUpperCase())).isEqualTo(a);
            assertThat(Mlp.activation(a.label()).getClass()).isEqualTo(a.create().getClass());
        }
        assertThat(Activation.parse("leakyrelu")).isEqualTo(Activation.LEAKY_RELU);
        assertThatThrownBy(() -> Activation.parse("swish"))
                .hasMessage("unknown activation 'swish'; choose one of relu, leaky-relu, tanh, sigmoid, gelu");
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> Mlp.builder(0, 2)).hasMessageContaining("got 0 and 2");
        assertThatThrownBy(() -> Mlp.builder(1, 2).hidden(3, 0)).hasMessageContaining("[3, 0]");
        assertThatThrownBy(() -> Mlp.builder(1, 2).dropout(-0.1)).hasMessageContaining("dropout");
    }

    @Test
    void modeAndDtypeChangesKeepTheSequentialType() {
        Sequential m = new Sequential(new Linear(2, 2)).eval();
        assertThat(m.isTraining()).isFalse();
        Sequential t = m.train();
        assertThat(t).isSameAs(m);
        assertThat(m.isTraining()).isTrue();
        Sequential d = m.train(false).to(DType.FLOAT64);
        assertThat(d.isTraining()).isFalse();
        assertThat(d.parameters().get(0).dtype()).isEqualTo(DType.FLOAT64);
    }
}
