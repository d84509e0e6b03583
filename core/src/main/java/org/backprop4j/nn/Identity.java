package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** Returns its input unchanged, as PyTorch's {@code torch.nn.Identity}: a placeholder in a {@link Sequential}. */
public final class Identity extends Module {
    /** An identity module. */
    public Identity() {
    }

    /** Returns {@code x} itself. */
    @Override
    public Tensor forward(Tensor x) {
        return x;
    }

    /** {@code Identity}, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("Identity"));
    }

    @Override
    public Identity train() {
        return (Identity) super.train();
    }

    @Override
    public Identity train(boolean mode) {
        return (Identity) super.train(mode);
    }

    @Override
    public Identity eval() {
        return (Identity) super.eval();
    }

    @Override
    public Identity to(DType dtype) {
        return (Identity) super.to(dtype);
    }
}
