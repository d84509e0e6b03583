package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** GELU in its exact form {@code x · Phi(x)}, element-wise, as PyTorch's default {@code torch.nn.GELU}. */
public final class GELU extends Module {
    /** A GELU module. */
    public GELU() {
    }

    /** Applies GELU to every element. */
    @Override
    public Tensor forward(Tensor x) {
        return x.gelu();
    }

    /** {@code GELU}, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("GELU"));
    }

    @Override
    public GELU train() {
        return (GELU) super.train();
    }

    @Override
    public GELU train(boolean mode) {
        return (GELU) super.train(mode);
    }

    @Override
    public GELU eval() {
        return (GELU) super.eval();
    }

    @Override
    public GELU to(DType dtype) {
        return (GELU) super.to(dtype);
    }
}
