package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** The rectifier {@code max(0, x)}, element-wise, as PyTorch's {@code torch.nn.ReLU}. */
public final class ReLU extends Module {
    /** A ReLU module. */
    public ReLU() {
    }

    /** Applies {@code max(0, x)} to every element. */
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    /** {@code ReLU}, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("ReLU"));
    }

    @Override
    public ReLU train() {
        return (ReLU) super.train();
    }

    @Override
    public ReLU train(boolean mode) {
        return (ReLU) super.train(mode);
    }

    @Override
    public ReLU eval() {
        return (ReLU) super.eval();
    }

    @Override
    public ReLU to(DType dtype) {
        return (ReLU) super.to(dtype);
    }
}
