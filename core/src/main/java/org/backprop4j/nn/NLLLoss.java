package org.backprop4j.nn;

import java.util.Objects;
import org.backprop4j.ops.NllLoss;
import org.backprop4j.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities against class indices, with exactly the semantics
 * of PyTorch's {@code torch.nn.NLLLoss}: {@code loss_n = -w[y_n] · x[n, y_n]}, an ignored label
 * contributes neither loss nor gradient, and the mean divides by the total weight of the counted
 * samples. {@code LogSoftmax} followed by this loss equals {@link CrossEntropyLoss}.
 *
 * <pre>{@code
 * NLLLoss nll = NLLLoss.builder().classWeights(w).build();
 * Tensor loss = nll.apply(logits.logSoftmax(1), labels);
 * }</pre>
 */
public final class NLLLoss implements Loss {
    private static final long serialVersionUID = 1L;

    /** PyTorch's default ignore index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    /** How the per-sample losses are combined (serialized with the loss). */
    private final Reduction reduction;
    /** The per-class weights given to the builder, if any. */
    private final double[] classWeights;
    /** The class label whose samples are ignored. */
    private final int ignoreIndex;

    private NLLLoss(Builder b) {
        this(b.reduction, b.classWeights, b.ignoreIndex);
    }

    private NLLLoss(Reduction reduction, double[] classWeights, int ignoreIndex) {
        this.reduction = reduction;
        this.classWeights = classWeights;
        this.ignoreIndex = ignoreIndex;
    }

    /** The default loss: mean reduction, no weights, ignore index -100. */
    public NLLLoss() {
        this(new Builder());
    }

    /** A builder for the options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loss of log-probabilities [N, K] (or [K]) against one class index per sample. */
    @Override
    public Tensor apply(Tensor logProbs, int[] labels) {
        Objects.requireNonNull(logProbs, "logProbs");
        Objects.requireNonNull(labels, "labels");
        return Tensor.record(new NllLoss(labels, classWeights, ignoreIndex, reduction.reduces(), reduction.normalizes()),
                logProbs);
    }

    /** The reduction. */
    @Override
    public Reduction reduction() {
        return reduction;
    }

    /** This loss with another reduction; weights and ignored label are kept. */
    @Override
    public NLLLoss withReduction(Reduction r) {
        return new NLLLoss(Objects.requireNonNull(r, "reduction"), classWeights, ignoreIndex);
    }

    /** The total class weight of the labels that are not ignored, as PyTorch's mean. */
    @Override
    public double meanDenominator(int[] labels, int[] outputShape) {
        return ClassTargets.weightOfCounted(labels, classWeights, ignoreIndex);
    }

    /** The ignored label. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** The class weights (a copy), or null. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** Options of an {@link NLLLoss}; every setter returns the builder. */
    public static final class Builder {
        private Reduction reduction = Reduction.MEAN;
        private double[] classWeights;
        private int ignoreIndex = DEFAULT_IGNORE_INDEX;

        private Builder() {
        }

        /** MEAN (default), SUM or NONE. */
        public Builder reduction(Reduction r) {
            this.reduction = Objects.requireNonNull(r, "reduction");
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
        public NLLLoss build() {
            return new NLLLoss(this);
        }
    }
}
