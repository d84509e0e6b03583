package org.backprop4j.io;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;

/**
 * The kind and hyper-parameters of an optimiser, enough to rebuild it over a model's parameters
 * before restoring its state with {@link Optimizer#loadStateDict}. Fields that the kind does not use
 * are ignored (by convention 0 / false).
 *
 * @param name {@link #SGD}, {@link #ADAM} or {@link #ADAMW}
 * @param lr the learning rate (the state dict's {@code lr} overrides it when restoring)
 * @param momentum SGD momentum
 * @param dampening SGD dampening
 * @param nesterov SGD Nesterov momentum
 * @param weightDecay weight decay (all kinds)
 * @param beta1 Adam/AdamW β1
 * @param beta2 Adam/AdamW β2
 * @param eps Adam/AdamW ε
 * @param amsgrad Adam/AdamW AMSGrad variant
 */
public record OptimizerSpec(String name, double lr, double momentum, double dampening, boolean nesterov,
                            double weightDecay, double beta1, double beta2, double eps, boolean amsgrad) {
    /** Name of {@link org.backprop4j.optim.SGD}. */
    public static final String SGD = "sgd";
    /** Name of {@link org.backprop4j.optim.Adam}. */
    public static final String ADAM = "adam";
    /** Name of {@link org.backprop4j.optim.AdamW}. */
    public static final String ADAMW = "adamw";

    /** Normalises the name to lower case and checks it is known. */
    public OptimizerSpec {
        Objects.requireNonNull(name, "name");
        name = name.toLowerCase(Locale.ROOT);
        if (!name.equals(SGD) && !name.equals(ADAM) && !name.equals(ADAMW)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected sgd, adam or adamw");
        }
    }

    /** An SGD spec. */
    public static OptimizerSpec sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        return new OptimizerSpec(SGD, lr, momentum, dampening, nesterov, weightDecay, 0, 0, 0, false);
    }

    /** An Adam spec. */
    public static OptimizerSpec adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        return new OptimizerSpec(ADAM, lr, 0, 0, false, weightDecay, beta1, beta2, eps, amsgrad);
    }

    /** An AdamW spec. */
    public static OptimizerSpec adamw(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        return new OptimizerSpec(ADAMW, lr, 0, 0, false, weightDecay, beta1, beta2, eps, amsgrad);
    }

    /** The spec of an existing SGD, Adam or AdamW optimiser, with its current learning rate. */
    public static OptimizerSpec of(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (optimizer instanceof org.backprop4j.optim.SGD s) {
            return sgd(s.lr(), s.momentum(), s.dampening(), s.nesterov(), s.weightDecay());
        } else if (optimizer instanceof Adam a) {
            return adam(a.lr(), a.beta1(), a.beta2(), a.eps(), a.weightDecay(), a.amsgrad());
        } else if (optimizer instanceof AdamW a) {
            return adamw(a.lr(), a.beta1(), a.beta2(), a.eps(), a.weightDecay(), a.amsgrad());
        }
        throw new IllegalArgumentException("cannot describe optimizer " + optimizer.getClass().getName()
                + "; checkpoints support SGD, Adam and AdamW");
    }

    /** A new optimiser of this kind and these hyper-parameters over {@code params} (fresh state). */
    public Optimizer build(List<Tensor> params) {
        switch (name) {
            case SGD:
                return org.backprop4j.optim.SGD.builder(params).lr(lr).momentum(momentum).dampening(dampening)
                        .nesterov(nesterov).weightDecay(weightDecay).build();
            case ADAM:
                return Adam.builder(params).lr(lr).betas(beta1, beta2).eps(eps).weightDecay(weightDecay)
                        .amsgrad(amsgrad).build();
            default:
                return AdamW.builder(params).lr(lr).betas(beta1, beta2).eps(eps).weightDecay(weightDecay)
                        .amsgrad(amsgrad).build();
        }
    }
}
