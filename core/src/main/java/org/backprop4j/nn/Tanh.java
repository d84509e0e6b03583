package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
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

    @Override
    public Tanh train() {
        return (Tanh) super.train();
    }

    @Override
    public Tanh train(boolean mode) {
        return (Tanh) super.train(mode);
    }

    @Override
    public Tanh eval() {
        return (Tanh) super.eval();
    }

    @Override
    public Tanh to(DType dtype) {
        return (Tanh) super.to(dtype);
    }
}
