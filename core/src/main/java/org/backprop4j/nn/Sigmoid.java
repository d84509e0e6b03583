package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** The logistic sigmoid {@code 1 / (1 + e^{-x})}, element-wise, as PyTorch's {@code torch.nn.Sigmoid}. */
public final class Sigmoid extends Module {
    /** A sigmoid module. */
    public Sigmoid() {
    }

    /** Applies the sigmoid to every element. */
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    /** {@code Sigmoid}, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("Sigmoid"));
    }

    @Override
    public Sigmoid train() {
        return (Sigmoid) super.train();
    }

    @Override
    public Sigmoid train(boolean mode) {
        return (Sigmoid) super.train(mode);
    }

    @Override
    public Sigmoid eval() {
        return (Sigmoid) super.eval();
    }

    @Override
    public Sigmoid to(DType dtype) {
        return (Sigmoid) super.to(dtype);
    }
}
