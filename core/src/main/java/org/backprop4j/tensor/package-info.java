/**
 * {@link org.backprop4j.tensor.Tensor}: the user-facing value that remembers the op that made it,
 * and {@code backward()}, the reverse sweep that accumulates gradients over every path.
 */
package org.backprop4j.tensor;
