package org.backprop4j.nn;

import java.util.Optional;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;

/**
 * Inverted dropout, as PyTorch's {@code torch.nn.Dropout}: in training mode each element is zeroed
 * with probability p and the survivors are scaled by {@code 1/(1-p)}; in evaluation mode (or when
 * p is 0) the input is returned unchanged.
 */
public final class Dropout extends Module {
    /** Name of the probability in {@link #config()}. */
    public static final String P = "p";

    private final double p;
    private final Rng rng;

    /** Dropout with probability p in [0, 1], masks drawn from {@link Init#defaultRng()}. */
    public Dropout(double p) {
        this(p, Init.defaultRng());
    }

    /** Dropout with probability p in [0, 1], masks drawn from {@code rng}. */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** Drops elements in training mode; returns {@code x} itself in evaluation mode or when p is 0. */
    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0.0); // everything dropped; the op itself needs p < 1 for its 1/(1-p) scale
        }
        return x.dropout(p, rng);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }

    /** {@code Dropout} with its settings, as a model file records it. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(describe(p));
    }

    /** The description of a layer {@code Dropout(p)}, without building it. */
    public static LayerConfig describe(double p) {
        return LayerConfig.of("Dropout", P, p);
    }

    @Override
    public Dropout train() {
        return (Dropout) super.train();
    }

    @Override
    public Dropout train(boolean mode) {
        return (Dropout) super.train(mode);
    }

    @Override
    public Dropout eval() {
        return (Dropout) super.eval();
    }

    @Override
    public Dropout to(DType dtype) {
        return (Dropout) super.to(dtype);
    }
}
