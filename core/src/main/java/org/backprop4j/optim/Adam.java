package org.backprop4j.optim;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/**
 * Adam (Kingma and Ba) with optional coupled L2 weight decay (added to the gradient) and the AMSGrad
 * variant: the algorithm of PyTorch's {@code torch.optim.Adam}:
 * {@code m = β1 m + (1 − β1) g}, {@code v = β2 v + (1 − β2) g²},
 * {@code p = p − γ m̂ / (sqrt(v̂) + ε)} with the bias corrections {@code m̂ = m / (1 − β1^t)} and
 * {@code v̂ = v / (1 − β2^t)}, where t counts the updates of that parameter.
 *
 * <pre>{@code
 * Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
 * }</pre>
 *
 * <p>The state per parameter is {@code exp_avg}, {@code exp_avg_sq} and, with AMSGrad,
 * {@code max_exp_avg_sq}. For weight decay that is not scaled by the adaptive step use {@link AdamW}.
 */
public class Adam extends Optimizer {
    /** The name of Adam in {@link OptimizerRegistry}. */
    public static final String NAME = "adam";
    private static final String BETA1 = "beta1";
    private static final String BETA2 = "beta2";
    private static final String EPS = "eps";
    private static final String WEIGHT_DECAY = "weight_decay";
    private static final String AMSGRAD = "amsgrad";

    private final AdamRule rule;

    /** The optimiser a builder describes; {@code decoupled} selects AdamW's form of weight decay. */
    Adam(Builder<?> b, boolean decoupled) {
        this(b.params, b.lr, new AdamRule(b.beta1, b.beta2, b.eps, b.weightDecay, b.amsgrad, decoupled));
    }

    private Adam(List<Tensor> params, double lr, AdamRule rule) {
        super(params, lr, rule.bufferNames());
        this.rule = rule;
    }

    /**
     * A builder for an Adam optimiser of the given parameters.
     *
     * @param params the parameters to update
     * @return a builder
     */
    public static Builder<? extends Adam> builder(List<Tensor> params) {
        return new Builder<Adam>(params, 0, b -> new Adam(b, false));
    }

    /** An Adam optimiser of {@code params} from hyper-parameters named as in {@link #hyperParameters()}. */
    static Adam create(List<Tensor> params, HyperParameters hp) {
        return configure(builder(params), hp);
    }

    /** Applies the hyper-parameters that {@code hp} has to {@code b} and builds (shared with {@link AdamW}). */
    static <T extends Adam> T configure(Builder<T> b, HyperParameters hp) {
        hp.number("lr", b::lr);
        hp.number(BETA1, v -> b.betas(v, b.beta2));
        hp.number(BETA2, v -> b.betas(b.beta1, v));
        hp.number(EPS, b::eps);
        hp.number(WEIGHT_DECAY, b::weightDecay);
        hp.flag(AMSGRAD, b::amsgrad);
        return b.build();
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** Adds beta1, beta2, eps, weight_decay and amsgrad. */
    @Override
    protected final void addHyperParameters(Map<String, Object> out) {
        out.put(BETA1, rule.beta1);
        out.put(BETA2, rule.beta2);
        out.put(EPS, rule.eps);
        out.put(WEIGHT_DECAY, rule.weightDecay);
        out.put(AMSGRAD, rule.amsgrad);
    }

    /** One Adam update of parameter {@code i}: one fused pass. */
    @Override
    protected final boolean update(int i, NDArray p, NDArray g, long t, double lr) {
        return rule.update(this, i, p, g, t, lr);
    }

    /**
     * The decay rate β1 of the first moment.
     *
     * @return β1
     */
    public double beta1() {
        return rule.beta1;
    }

    /**
     * The decay rate β2 of the second moment.
     *
     * @return β2
     */
    public double beta2() {
        return rule.beta2;
    }

    /**
     * The ε added to the denominator.
     *
     * @return ε
     */
    public double eps() {
        return rule.eps;
    }

    /**
     * The weight decay λ (Adam: coupled, added to the gradient as λ p; AdamW: decoupled).
     *
     * @return λ
     */
    public double weightDecay() {
        return rule.weightDecay;
    }

    /**
     * Whether the AMSGrad variant is used.
     *
     * @return whether the maximum of the second moment is kept
     */
    public boolean amsgrad() {
        return rule.amsgrad;
    }

    /**
     * Options of an {@link Adam} or {@link AdamW} optimiser; every setter validates its value and
     * returns the builder.
     *
     * @param <T> the optimiser built
     */
    public static final class Builder<T extends Adam> {
        private final List<Tensor> params;
        private final Function<Builder<T>, T> factory;
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;
        private boolean amsgrad;

        Builder(List<Tensor> params, double defaultWeightDecay, Function<Builder<T>, T> factory) {
            this.params = params;
            this.weightDecay = defaultWeightDecay;
            this.factory = factory;
        }

        /**
         * The learning rate γ (default 1e-3); finite and >= 0.
         *
         * @param lr the learning rate
         * @return this builder
         */
        public Builder<T> lr(double lr) {
            this.lr = Checks.learningRate(lr);
            return this;
        }

        /**
         * The moment decay rates β1 and β2 (default 0.9 and 0.999); each in [0, 1).
         *
         * @param beta1 the decay rate of the first moment (mean of the gradients)
         * @param beta2 the decay rate of the second moment (mean of their squares)
         * @return this builder
         */
        public Builder<T> betas(double beta1, double beta2) {
            this.beta1 = AdamRule.beta(0, beta1);
            this.beta2 = AdamRule.beta(1, beta2);
            return this;
        }

        /**
         * The ε added to the denominator for numerical stability (default 1e-8); finite and >= 0.
         *
         * @param eps ε
         * @return this builder
         */
        public Builder<T> eps(double eps) {
            this.eps = Checks.nonNegative("epsilon", eps);
            return this;
        }

        /**
         * The weight decay λ (Adam: coupled, default 0; AdamW: decoupled, default 0.01); finite and >= 0.
         *
         * @param weightDecay λ
         * @return this builder
         */
        public Builder<T> weightDecay(double weightDecay) {
            this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
            return this;
        }

        /**
         * Whether to use the AMSGrad variant, which keeps the running maximum of v (default false).
         *
         * @param amsgrad true for AMSGrad
         * @return this builder
         */
        public Builder<T> amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /**
         * The configured optimiser.
         *
         * @return a new optimiser
         * @throws IllegalArgumentException when a setting is out of range or the parameters are not valid
         */
        public T build() {
            return factory.apply(this);
        }
    }
}
