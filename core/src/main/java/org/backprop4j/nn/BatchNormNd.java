package org.backprop4j.nn;

import java.util.Optional;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * The batch normalisation layers' common part, as PyTorch's {@code _BatchNorm} with
 * {@code affine=True, track_running_stats=True}: parameters {@code weight} (γ, ones) and
 * {@code bias} (β, zeros), buffers {@code running_mean} (zeros), {@code running_var} (ones) and
 * {@code num_batches_tracked} (a count kept in the module's dtype, shape []). Training normalises
 * with the batch statistics and updates the running ones; evaluation uses the running ones.
 */
public abstract class BatchNormNd extends Module {
    private final int features;
    private final double eps;
    private final double momentum;

    /**
     * A layer over {@code features} channels with the given eps and momentum, parameters of the given dtype.
     *
     * @param features the number of channels (C of the input)
     * @param eps the value added to the variance for numerical stability, greater than 0
     * @param momentum the weight of the newest batch in the running statistics, in [0, 1]
     * @param dtype the parameters' and buffers' dtype
     * @throws IllegalArgumentException when features &lt; 1, eps &lt;= 0 or momentum is outside [0, 1]
     */
    protected BatchNormNd(int features, double eps, double momentum, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (features < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(typeName() + "(" + features + ", eps=" + eps + ", momentum=" + momentum
                    + "): needs at least one feature, eps > 0 and momentum in [0, 1]");
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        registerParameter("weight", Tensor.ones(dtype, features));
        registerParameter("bias", Tensor.zeros(dtype, features));
        registerBuffer("running_mean", Tensor.zeros(dtype, features));
        registerBuffer("running_var", Tensor.ones(dtype, features));
        registerBuffer("num_batches_tracked", Tensor.zeros(dtype));
    }

    /**
     * True when this layer accepts an input of that rank.
     *
     * @param rank the input's number of dimensions
     * @return whether the input rank is one this layer normalises
     */
    protected abstract boolean acceptsRank(int rank);

    /**
     * The expected input shapes, for error messages, such as {@code [N, C, H, W]}.
     *
     * @return the accepted shapes, as text
     */
    protected abstract String expectedShape();

    /** Normalises x {@code [N, C, ...]} per channel; in training it also updates the running statistics. */
    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.dim(1) != features) {
            throw new IllegalArgumentException(typeName() + "(" + features + ") needs input " + expectedShape()
                    + " with C = " + features + ", got " + Shape.str(x.shape()));
        }
        if (isTraining()) {
            Tensor count = buffer("num_batches_tracked");
            count.data().set(0, count.data().get(0) + 1);
        }
        return x.batchNorm(parameter("weight"), parameter("bias"), buffer("running_mean").data(),
                buffer("running_var").data(), isTraining(), momentum, eps);
    }

    /**
     * The running mean of each channel (a buffer).
     *
     * @return the {@code running_mean} buffer, shaped {@code [C]}
     */
    public Tensor runningMean() {
        return buffer("running_mean");
    }

    /**
     * The running (unbiased) variance of each channel (a buffer).
     *
     * @return the {@code running_var} buffer, shaped {@code [C]}
     */
    public Tensor runningVar() {
        return buffer("running_var");
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + eps + ", momentum=" + momentum + ", affine=True, track_running_stats=True";
    }

    /** Describes the layer for a model file: num_features, eps and momentum, under its class name. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of(typeName(), "num_features", features, "eps", eps, "momentum", momentum));
    }
}
