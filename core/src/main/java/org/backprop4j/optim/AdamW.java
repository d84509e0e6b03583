package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.tensor.Tensor;

/**
 * AdamW (Loshchilov and Hutter): {@link Adam} with decoupled weight decay, the algorithm of
 * PyTorch's {@code torch.optim.AdamW}: each update first shrinks the parameter,
 * {@code p = p (1 − γ λ)}, then applies the Adam update to the unmodified gradient.
 *
 * <pre>{@code
 * Optimizer opt = AdamW.builder(model.parameters()).lr(1e-3).weightDecay(0.01).build();
 * }</pre>
 *
 * <p>The state per parameter is {@code exp_avg}, {@code exp_avg_sq} and, with AMSGrad,
 * {@code max_exp_avg_sq}.
 */
public final class AdamW extends Optimizer {
    private final AdamRule rule;

    private AdamW(Builder b) {
        this(b.params, b.lr, new AdamRule(b.beta1, b.beta2, b.eps, b.weightDecay, b.amsgrad, true));
    }

    private AdamW(List<Tensor> params, double lr, AdamRule rule) {
        super(params, lr, rule.bufferNames());
        this.rule = rule;
    }

    /** A builder for an AdamW optimiser of the given parameters. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /** One AdamW update of every parameter that has a gradient. */
    @Override
    public void step() {
        rule.step(this);
    }

    /** The decay rate β1 of the first moment. */
    public double beta1() {
        return rule.beta1;
    }

    /** The decay rate β2 of the second moment. */
    public double beta2() {
        return rule.beta2;
    }

    /** The ε added to the denominator. */
    public double eps() {
        return rule.eps;
    }

    /** The weight decay λ (decoupled: the parameter is multiplied by 1 − γ λ). */
    public double weightDecay() {
        return rule.weightDecay;
    }

    /** Whether the AMSGrad variant is used. */
    public boolean amsgrad() {
        return rule.amsgrad;
    }

    /** Options of an {@link AdamW} optimiser; every setter validates its value and returns the builder. */
    public static final class Builder {
        private final List<Tensor> params;
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0.01;
        private boolean amsgrad;

        private Builder(List<Tensor> params) {
            this.params = params;
        }

        /** The learning rate γ (default 1e-3); finite and >= 0. */
        public Builder lr(double lr) {
            this.lr = Checks.learningRate(lr);
            return this;
        }

        /** The moment decay rates β1 and β2 (default 0.9 and 0.999); each in [0, 1). */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = AdamRule.beta(0, beta1);
            this.beta2 = AdamRule.beta(1, beta2);
            return this;
        }

        /** The ε added to the denominator for numerical stability (default 1e-8); finite and >= 0. */
        public Builder eps(double eps) {
            this.eps = Checks.nonNegative("epsilon", eps);
            return this;
        }

        /** The weight decay λ (decoupled: the parameter is multiplied by 1 − γ λ, default 0.01); finite and >= 0. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
            return this;
        }

        /** Whether to use the AMSGrad variant, which keeps the running maximum of v (default false). */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /** The configured optimiser. */
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
