package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Flattens every dimension after the first, {@code [N, d1, d2, ...] -> [N, d1 · d2 · ...]}, as
 * PyTorch's {@code torch.nn.Flatten()} with its defaults; the values are not copied.
 */
public final class Flatten extends Module {
    /** A flatten module. */
    public Flatten() {
    }

    /** Reshapes {@code [N, ...]} to {@code [N, prod(...)]}; the input needs at least two dimensions. */
    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("Flatten needs an input [N, ...] with at least 2 dimensions, got "
                    + Shape.str(s));
        }
        int rest = 1;
        for (int i = 1; i < s.length; i++) {
            rest *= s[i];
        }
        return x.reshape(s[0], rest);
    }

    /** {@code Flatten}, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("Flatten"));
    }

    @Override
    public Flatten train() {
        return (Flatten) super.train();
    }

    @Override
    public Flatten train(boolean mode) {
        return (Flatten) super.train(mode);
    }

    @Override
    public Flatten eval() {
        return (Flatten) super.eval();
    }

    @Override
    public Flatten to(DType dtype) {
        return (Flatten) super.to(dtype);
    }
}
