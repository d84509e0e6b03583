package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/**
 * A differentiable operation. An instance is used for one application: {@link #forward} computes
 * the output and keeps what the backward pass needs; {@link #backward} maps the gradient of the
 * loss with respect to the output to the gradients with respect to each input (a vector-Jacobian
 * product). {@code backward} must not change the saved state, so it may be called more than once
 * (the explain tool reads single Jacobian rows that way).
 */
public abstract class Op {
    private boolean applied;

    /** Computes the output from the inputs. */
    public abstract NDArray forward(NDArray... inputs);

    /**
     * Given dL/d(output), returns dL/d(input i) for every input, shaped like that input;
     * entries for which {@code needsGrad[i]} is false may be null.
     */
    public abstract NDArray[] backward(NDArray gradOut, boolean[] needsGrad);

    /**
     * True when every array {@link #backward} returns is newly made and referenced nowhere else (not
     * the incoming gradient, not saved state), so the reverse sweep may keep it as a gradient
     * without copying it. The default, false, is always safe.
     */
    public boolean returnsFreshGradients() {
        return false;
    }

    /** A short name for graphs and explanations, such as {@code MatMul}. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The op's parameters for display, such as {@code dim=1}; empty when it has none. */
    public String describe() {
        return "";
    }

    /**
     * Marks this instance as applied; {@code Tensor} calls it before {@link #forward}. An op keeps the
     * saved values of one application, so a second application of the same instance would silently
     * give the first one wrong gradients: it fails instead.
     *
     * @throws IllegalStateException when this instance has been applied before
     */
    public final void markApplied() {
        if (applied) {
            throw new IllegalStateException("this " + name() + " op has already been applied once; an Op instance"
                    + " keeps the saved values of one application, so make a new instance for each Tensor.record");
        }
        applied = true;
    }

    /** Checks the number of inputs. */
    protected static void arity(NDArray[] inputs, int n, String op) {
        if (inputs.length != n) {
            throw new IllegalArgumentException(op + " takes " + n + " input(s), got " + inputs.length);
        }
    }
}
