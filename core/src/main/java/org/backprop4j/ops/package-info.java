/**
 * One class per differentiable operation: {@code forward} and {@code backward} side by side,
 * with the derivative in a comment. Pure mathematics on {@link org.backprop4j.ndarray.NDArray}s; no graph.
 */
package org.backprop4j.ops;
