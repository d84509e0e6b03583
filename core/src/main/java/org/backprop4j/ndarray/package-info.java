/**
 * {@link org.backprop4j.ndarray.NDArray}: an n-dimensional float32 or float64 value in row-major
 * order, with shapes, broadcasting and a seeded random generator. Knows nothing of gradients.
 */
package org.backprop4j.ndarray;
