package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** Softmax along one dimension, {@code e^{z_j} / sum_k e^{z_k}} computed stably, as PyTorch's {@code torch.nn.Softmax}. */
public final class Softmax extends Module {
    /** Name of the dimension in {@link #config()}. */
    public static final String DIM = "dim";

    private final int dim;

    /** Normalises along dimension {@code dim} (negative counts from the end; 1 or -1 for [N, K] logits). */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** The dimension normalised over. */
    public int dim() {
        return dim;
    }

    /** Applies the function along {@link #dim()}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }

    /** {@code Softmax} with its settings, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("Softmax", DIM, dim));
    }

    @Override
    public Softmax train() {
        return (Softmax) super.train();
    }

    @Override
    public Softmax train(boolean mode) {
        return (Softmax) super.train(mode);
    }

    @Override
    public Softmax eval() {
        return (Softmax) super.eval();
    }

    @Override
    public Softmax to(DType dtype) {
        return (Softmax) super.to(dtype);
    }
}
