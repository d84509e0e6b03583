package org.backprop4j.nn;

import java.util.Arrays;
import java.util.Objects;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ops.BceWithLogits;
import org.backprop4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits, stable for any logit, with exactly the semantics of PyTorch's
 * {@code torch.nn.BCEWithLogitsLoss}: {@code l = -w [p · t · log sigma(x) + (1 - t) · log(1 - sigma(x))]}
 * with element weights w and positive-class weights p (both broadcast to the logits' shape; p
 * usually one per class, shaped [K]). The mean divides by the number of elements.
 *
 * <pre>{@code
 * BCEWithLogitsLoss bce = BCEWithLogitsLoss.builder().posWeight(Tensor.of(new float[]{3f})).build();
 * Tensor loss = bce.apply(logits, targets);
 * }</pre>
 */
public final class BCEWithLogitsLoss implements Loss {
    private static final long serialVersionUID = 1L;

    /** How the per-sample losses are combined (serialized with the loss). */
    private final Reduction reduction;
    private final transient NDArray weight;
    private final transient NDArray posWeight;

    private BCEWithLogitsLoss(Builder b) {
        this(b.reduction, b.weight, b.posWeight);
    }

    private BCEWithLogitsLoss(Reduction reduction, NDArray weight, NDArray posWeight) {
        this.reduction = reduction;
        this.weight = weight;
        this.posWeight = posWeight;
    }

    /** The default loss: mean reduction, no weights. */
    public BCEWithLogitsLoss() {
        this(new Builder());
    }

    /** A builder for the options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loss of logits against targets in [0, 1] of the same shape and dtype. */
    public Tensor apply(Tensor logits, Tensor targets) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(targets, "targets");
        if (!Arrays.equals(logits.shape(), targets.shape())) {
            throw new IllegalArgumentException("BCE targets " + Shape.str(targets.shape())
                    + " must have the shape of the logits " + Shape.str(logits.shape()));
        }
        requireBroadcastsTo("weight", weight, logits.shape());
        requireBroadcastsTo("posWeight", posWeight, logits.shape());
        return Tensor.record(new BceWithLogits(weight, posWeight, reduction.reduces(), reduction.normalizes()),
                logits, targets);
    }

    private static void requireBroadcastsTo(String what, NDArray w, int[] shape) {
        if (w == null) {
            return;
        }
        boolean ok;
        try {
            ok = Arrays.equals(Shape.broadcast(w.shape(), shape), shape);
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " " + Shape.str(w.shape()) + " does not broadcast to the logits' shape "
                    + Shape.str(shape));
        }
    }

    /** Loss of outputs [N, K] against the one-hot rows of {@code labels} (K independent binary targets). */
    @Override
    public Tensor apply(Tensor output, int[] labels) {
        return apply(output, ClassTargets.oneHot(labels, output));
    }

    /** The reduction. */
    @Override
    public Reduction reduction() {
        return reduction;
    }

    /** This loss with another reduction; the weights are kept. */
    @Override
    public BCEWithLogitsLoss withReduction(Reduction r) {
        return new BCEWithLogitsLoss(Objects.requireNonNull(r, "reduction"), weight, posWeight);
    }

    /** The number of output elements, as PyTorch's mean (weights do not enter it). */
    @Override
    public double meanDenominator(int[] labels, int[] outputShape) {
        return ClassTargets.elements(outputShape);
    }

    /** The serialised form: the reduction and the weights' values, shapes and dtypes. */
    private Object writeReplace() {
        return new Form(reduction, Form.Values.of(weight), Form.Values.of(posWeight));
    }

    /** What a {@link BCEWithLogitsLoss} is serialised as. */
    private record Form(Reduction reduction, Values weight, Values posWeight) implements java.io.Serializable {
        /** An array's values as float64, its shape and dtype. */
        private record Values(double[] values, int[] shape, org.backprop4j.ndarray.DType dtype)
                implements java.io.Serializable {
            static Values of(NDArray a) {
                return a == null ? null : new Values(a.toDoubleArray(), a.shape(), a.dtype());
            }

            static NDArray array(Values v) {
                return v == null ? null : NDArray.wrap(v.values, v.shape).astype(v.dtype);
            }
        }

        private Object readResolve() {
            return new BCEWithLogitsLoss(reduction, Values.array(weight), Values.array(posWeight));
        }
    }

    /** The element weights (a copy), or null. */
    public Tensor weight() {
        return weight == null ? null : Tensor.wrap(weight.copy());
    }

    /** The positive-class weights (a copy), or null. */
    public Tensor posWeight() {
        return posWeight == null ? null : Tensor.wrap(posWeight.copy());
    }

    /** Options of a {@link BCEWithLogitsLoss}; every setter returns the builder. */
    public static final class Builder {
        private Reduction reduction = Reduction.MEAN;
        private NDArray weight;
        private NDArray posWeight;

        private Builder() {
        }

        /** MEAN (default), SUM or NONE. */
        public Builder reduction(Reduction r) {
            this.reduction = Objects.requireNonNull(r, "reduction");
            return this;
        }

        /** Element weights (copied), broadcast to the logits' shape; each element's loss is scaled by its weight. */
        public Builder weight(Tensor w) {
            this.weight = finiteCopy("weight", w);
            return this;
        }

        /** Positive-class weights (copied), broadcast to the logits' shape: they scale the {@code t · log sigma(x)} term. */
        public Builder posWeight(Tensor p) {
            this.posWeight = finiteCopy("posWeight", p);
            return this;
        }

        private static NDArray finiteCopy(String what, Tensor t) {
            Objects.requireNonNull(t, what);
            NDArray a = t.data().copy();
            for (int i = 0; i < a.size(); i++) {
                if (!Double.isFinite(a.get(i))) {
                    throw new IllegalArgumentException(what + " element " + i + " is " + a.get(i));
                }
            }
            return a;
        }

        /** The configured loss. */
        public BCEWithLogitsLoss build() {
            return new BCEWithLogitsLoss(this);
        }
    }
}
