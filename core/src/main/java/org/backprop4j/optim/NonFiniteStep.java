package org.backprop4j.optim;

import java.util.Arrays;

/**
 * Why an {@link Optimizer#stepIfFinite() optimiser step} was undone: the first element, in parameter
 * order and then flat order, whose value, gradient, new value or new optimiser state is a NaN or an
 * infinity.
 *
 * @param parameter the parameter's position in {@link Optimizer#params()}
 * @param index the element's flat index in the parameter
 * @param what the array that holds the bad value
 * @param state the state buffer's name (such as {@code exp_avg_sq}) when {@code what} is {@link What#NEW_STATE}, else null
 * @param value the NaN or infinity
 * @param gradient the gradient at that element
 */
public record NonFiniteStep(int parameter, int index, What what, String state, double value, double gradient) {

    /** Where the NaN or infinity is. */
    public enum What {
        /** The parameter's value before the step (such as a NaN weight behind a ReLU). */
        VALUE,
        /** The gradient. */
        GRADIENT,
        /** The parameter's value after the update (finite inputs whose update overflows). */
        NEW_VALUE,
        /** An optimiser state buffer after the update. */
        NEW_STATE
    }

    /**
     * One line naming the parameter, its shape, the bad value and its flat index.
     *
     * @param name the parameter's name
     * @param shape the parameter's shape
     * @return the description
     */
    public String describe(String name, int[] shape) {
        String p = "parameter '" + name + "' (shape " + Arrays.toString(shape) + ")";
        switch (what) {
            case VALUE:
                return p + " is " + value + " at flat index " + index;
            case GRADIENT:
                return "the gradient of " + p + " is " + value + " at flat index " + index;
            case NEW_VALUE:
                return p + " would become " + value + " at flat index " + index + " (its gradient there is " + gradient + ")";
            default:
                return "the optimiser's " + state + " of " + p + " would become " + value + " at flat index " + index
                        + " (the gradient there is " + gradient + ")";
        }
    }
}
