package org.backprop4j.nn;

import java.util.Arrays;
import java.util.Objects;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ops.SoftmaxCrossEntropy;
import org.backprop4j.tensor.Tensor;

/**
 * Softmax cross-entropy on logits, fused and numerically stable, with exactly the semantics of
 * PyTorch's {@code torch.nn.functional.cross_entropy}: class-index or probability targets (which
 * need not sum to one: the gradient is {@code o · sum(t) - t}), class weights, label smoothing, an
 * ignored label (class-index targets only) and MEAN / SUM / NONE reduction.
 *
 * <pre>{@code
 * CrossEntropyLoss ce = CrossEntropyLoss.builder().labelSmoothing(0.1).build();
 * Tensor loss = ce.apply(logits, labels);
 * loss.backward();
 * }</pre>
 */
public final class CrossEntropyLoss implements Loss {
    private static final long serialVersionUID = 1L;

    /** PyTorch's default ignore index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    /** How the per-sample losses are combined (serialized with the loss). */
    private final Reduction reduction;
    /** The label smoothing epsilon, 0 for none. */
    private final double labelSmoothing;
    /** The per-class weights given to the builder, if any. */
    private final double[] classWeights;
    /** The class label whose samples are ignored. */
    private final int ignoreIndex;

    private CrossEntropyLoss(Builder b) {
        this(b.reduction, b.labelSmoothing, b.classWeights, b.ignoreIndex);
    }

    private CrossEntropyLoss(Reduction reduction, double labelSmoothing, double[] classWeights, int ignoreIndex) {
        this.reduction = reduction;
        this.labelSmoothing = labelSmoothing;
        this.classWeights = classWeights;
        this.ignoreIndex = ignoreIndex;
    }

    /** The default loss: mean reduction, no weights, no smoothing, ignore index -100. */
    public CrossEntropyLoss() {
        this(new Builder());
    }

    /** A builder for the options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loss of logits [N, K] (or [K]) against one class index per sample. A label equal to the
     * ignore index contributes neither loss nor gradient and is not counted in the mean.
     */
    @Override
    public Tensor apply(Tensor logits, int[] labels) {
        Objects.requireNonNull(labels, "labels");
        return Tensor.record(SoftmaxCrossEntropy.forLabels(labels, classWeights, labelSmoothing, ignoreIndex,
                reduction.reduces(), reduction.normalizes()), logits);
    }

    /**
     * Loss of logits against probability targets of the same shape; rows need not sum to one.
     * The mean divides by the number of samples, as PyTorch does for such targets.
     */
    public Tensor apply(Tensor logits, Tensor targets) {
        Objects.requireNonNull(targets, "targets");
        if (!Arrays.equals(logits.shape(), targets.shape())) {
            throw new IllegalArgumentException("probability targets " + Shape.str(targets.shape())
                    + " must have the shape of the logits " + Shape.str(logits.shape()));
        }
        return Tensor.record(SoftmaxCrossEntropy.forProbabilities(classWeights, labelSmoothing,
                reduction.reduces(), reduction.normalizes()), logits, targets);
    }

    /** The reduction. */
    @Override
    public Reduction reduction() {
        return reduction;
    }

    /** This loss with another reduction; weights, smoothing and ignored label are kept. */
    @Override
    public CrossEntropyLoss withReduction(Reduction r) {
        return new CrossEntropyLoss(java.util.Objects.requireNonNull(r, "reduction"), labelSmoothing, classWeights,
                ignoreIndex);
    }

    /** The total class weight of the labels that are not ignored (their number without weights), as PyTorch's mean. */
    @Override
    public double meanDenominator(int[] labels, int[] outputShape) {
        return ClassTargets.weightOfCounted(labels, classWeights, ignoreIndex);
    }

    /** The label smoothing epsilon. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The ignored label. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** The class weights (a copy), or null. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** Options of a {@link CrossEntropyLoss}; every setter returns the builder. */
    public static final class Builder {
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;
        private double[] classWeights;
        private int ignoreIndex = DEFAULT_IGNORE_INDEX;

        private Builder() {
        }

        /** MEAN (default), SUM or NONE. */
        public Builder reduction(Reduction r) {
            this.reduction = Objects.requireNonNull(r, "reduction");
            return this;
        }

        /** Label smoothing epsilon in [0, 1]: the target becomes {@code (1 - eps) t + eps / K}. */
        public Builder labelSmoothing(double eps) {
            if (!(eps >= 0 && eps <= 1)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 1], got " + eps);
            }
            this.labelSmoothing = eps;
            return this;
        }

        /** One weight per class, a 1-D tensor of length K; each sample's loss is scaled by its class's weight. */
        public Builder classWeights(Tensor weights) {
            this.classWeights = ClassWeights.of(weights);
            return this;
        }

        /** The label whose samples are ignored (default -100). */
        public Builder ignoreIndex(int index) {
            this.ignoreIndex = index;
            return this;
        }

        /** The configured loss. */
        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
        }
    }
}
