package org.backprop4j.nn;

import java.util.Arrays;
import java.util.Objects;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Mean squared error {@code (input - target)^2}, element-wise, with PyTorch's
 * {@code torch.nn.MSELoss} reductions (MEAN divides by the number of elements). Built from
 * tensor ops, so gradients flow to both arguments.
 */
public final class MSELoss implements Loss {
    private static final long serialVersionUID = 1L;

    /** How the per-sample losses are combined (serialized with the loss). */
    private final Reduction reduction;

    private MSELoss(Builder b) {
        this(b.reduction);
    }

    private MSELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** The default loss: mean reduction. */
    public MSELoss() {
        this(new Builder());
    }

    /** A builder for the options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loss of an input against a target of the same shape (no broadcasting, unlike PyTorch's warning). */
    public Tensor apply(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("MSE target " + Shape.str(target.shape())
                    + " must have the shape of the input " + Shape.str(input.shape()));
        }
        Tensor sq = input.sub(target).pow(2);
        switch (reduction) {
            case MEAN:
                return sq.mean();
            case SUM:
                return sq.sum();
            default:
                return sq;
        }
    }

    /** Loss of outputs [N, K] against the one-hot rows of {@code labels}. */
    @Override
    public Tensor apply(Tensor output, int[] labels) {
        return apply(output, ClassTargets.oneHot(labels, output));
    }

    /** The reduction. */
    @Override
    public Reduction reduction() {
        return reduction;
    }

    /** This loss with another reduction. */
    @Override
    public MSELoss withReduction(Reduction r) {
        return new MSELoss(Objects.requireNonNull(r, "reduction"));
    }

    /** The number of output elements, as PyTorch's mean. */
    @Override
    public double meanDenominator(int[] labels, int[] outputShape) {
        return ClassTargets.elements(outputShape);
    }

    /** Options of an {@link MSELoss}; every setter returns the builder. */
    public static final class Builder {
        private Reduction reduction = Reduction.MEAN;

        private Builder() {
        }

        /** MEAN (default), SUM or NONE. */
        public Builder reduction(Reduction r) {
            this.reduction = Objects.requireNonNull(r, "reduction");
            return this;
        }

        /** The configured loss. */
        public MSELoss build() {
            return new MSELoss(this);
        }
    }
}
