package org.backprop4j.nn;

import java.util.Optional;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/** Log-softmax along one dimension, {@code z_j - logsumexp(z)} in one stable step, as PyTorch's {@code torch.nn.LogSoftmax}; feed it to {@link NLLLoss}. */
public final class LogSoftmax extends Module {
    private final int dim;

    /** Normalises along dimension {@code dim} (negative counts from the end; 1 or -1 for [N, K] logits). */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /** The dimension normalised over. */
    public int dim() {
        return dim;
    }

    /** Applies the function along {@link #dim()}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }

    /** {@code LogSoftmax} with its settings, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("LogSoftmax", Softmax.DIM, dim));
    }

    @Override
    public LogSoftmax train() {
        return (LogSoftmax) super.train();
    }

    @Override
    public LogSoftmax train(boolean mode) {
        return (LogSoftmax) super.train(mode);
    }

    @Override
    public LogSoftmax eval() {
        return (LogSoftmax) super.eval();
    }

    @Override
    public LogSoftmax to(DType dtype) {
        return (LogSoftmax) super.to(dtype);
    }
}
