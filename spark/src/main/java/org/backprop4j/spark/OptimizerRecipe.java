package org.backprop4j.spark;

import java.io.Serializable;
import java.util.List;
import org.backprop4j.io.OptimizerSpec;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/**
 * The serialisable form of an {@link OptimizerSpec} (SGD, Adam or AdamW with its hyper-parameters),
 * so that the workers of the parameter-averaging mode can take local steps with the driver's rule.
 *
 * @param name sgd, adam or adamw
 * @param lr learning rate
 * @param momentum SGD momentum
 * @param dampening SGD dampening
 * @param nesterov SGD Nesterov momentum
 * @param weightDecay weight decay
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param eps Adam ε
 * @param amsgrad AMSGrad variant
 */
public record OptimizerRecipe(String name, double lr, double momentum, double dampening, boolean nesterov,
                              double weightDecay, double beta1, double beta2, double eps, boolean amsgrad)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The recipe of an existing SGD, Adam or AdamW optimiser. */
    public static OptimizerRecipe of(Optimizer optimizer) {
        OptimizerSpec s = OptimizerSpec.of(optimizer);
        return new OptimizerRecipe(s.name(), s.lr(), s.momentum(), s.dampening(), s.nesterov(), s.weightDecay(),
                s.beta1(), s.beta2(), s.eps(), s.amsgrad());
    }

    /** A new optimiser of this kind over {@code params} (fresh state). */
    public Optimizer build(List<Tensor> params) {
        return new OptimizerSpec(name, lr, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps, amsgrad)
                .build(params);
    }
}
