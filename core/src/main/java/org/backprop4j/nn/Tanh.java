package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.tensor.Tensor;

/** The hyperbolic tangent, element-wise, as PyTorch's {@code torch.nn.Tanh}. */
public final class Tanh extends Module {
    /** A tanh module. */
    public Tanh() {
    }

    /** Applies tanh to every element. */
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    /** {@code Tanh}, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("Tanh"));
    }
}
