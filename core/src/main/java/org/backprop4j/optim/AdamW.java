package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.tensor.Tensor;

/**
 * AdamW (Loshchilov and Hutter): {@link Adam} with decoupled weight decay, the algorithm of
 * PyTorch's {@code torch.optim.AdamW}: each update first shrinks the parameter,
 * {@code p = p (1 − γ λ)}, then applies the Adam update to the unmodified gradient. As in PyTorch 2,
 * it is a kind of Adam; the default weight decay is 0.01.
 *
 * <pre>{@code
 * Optimizer opt = AdamW.builder(model.parameters()).lr(1e-3).weightDecay(0.01).build();
 * }</pre>
 */
public final class AdamW extends Adam {
    /** The name of AdamW in {@link OptimizerRegistry}. */
    public static final String NAME = "adamw";

    private AdamW(Builder<AdamW> b) {
        super(b, true);
    }

    /**
     * A builder for an AdamW optimiser of the given parameters (weight decay 0.01 unless set).
     *
     * @param params the parameters to update
     * @return a builder
     */
    public static Builder<AdamW> builder(List<Tensor> params) {
        return new Builder<>(params, 0.01, AdamW::new);
    }

    /** An AdamW optimiser of {@code params} from hyper-parameters named as in {@link #hyperParameters()}. */
    static AdamW create(List<Tensor> params, HyperParameters hp) {
        return configure(builder(params), hp);
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }
}
