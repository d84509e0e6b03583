/**
 * One class per differentiable operation: {@code forward} and {@code backward} side by side,
 * with the derivative in a comment. Pure mathematics on {@link org.backprop4j.ndarray.NDArray}s; no graph.
 * Ops that implement {@link org.backprop4j.ops.LocalDerivatives} also state their local partial
 * derivatives with formulas, which the explain tool shows.
 */
package org.backprop4j.ops;
