package org.backprop4j.spark;

import java.io.Serializable;
import java.util.List;
import org.backprop4j.io.OptimizerSpec;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/**
 * The driver's optimiser as the workers of the parameter-averaging mode rebuild it to take local
 * steps with the same rule: its {@link OptimizerSpec} (name and hyper-parameters, serialisable).
 *
 * @param spec the optimiser's kind and hyper-parameters
 */
public record OptimizerRecipe(OptimizerSpec spec) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** The recipe of an existing optimiser. */
    public static OptimizerRecipe of(Optimizer optimizer) {
        return new OptimizerRecipe(OptimizerSpec.of(optimizer));
    }

    /** A new optimiser of this kind over {@code params} (fresh state). */
    public Optimizer build(List<Tensor> params) {
        return spec.build(params);
    }
}
