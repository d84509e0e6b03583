package org.backprop4j.ops;

/**
 * What an op is in the textbook picture of a network, for naming its values in explanations
 * (h and a around an activation, o and z around a softmax) and for reading a bias added to a matrix
 * product as one affine map.
 */
public enum Role {
    /** An element-wise activation h = f(a), or a fused layer ending in one. */
    ACTIVATION,
    /** A softmax o = softmax(z). */
    SOFTMAX,
    /** A loss E of logits z (and probability targets t) with the softmax inside, whose intermediate value is o. */
    SOFTMAX_CROSS_ENTROPY,
    /** A matrix product z = y W of two matrices. */
    MATRIX_PRODUCT,
    /** An element-wise sum u + v. */
    ADDITION,
    /** Copies elements of its one input without changing them (reshape, transpose, slice). */
    MOVE,
    /** Anything else. */
    OTHER
}
