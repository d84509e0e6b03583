package org.backprop4j.ops;

/**
 * What an op is in the textbook picture of a network, for naming its values in explanations
 * (h and a around an activation, o and z around a softmax) and for reading a bias added to a matrix
 * product as one affine map.
 */
public enum Role {
    /** An element-wise activation h = f(a), or a fused layer ending in one. */
    ACTIVATION,
    /**
     * Pooling of an activation, fused (ReLU then max pooling): input a, intermediate value
     * h = f(a) (the activation's output), output the pooling of h.
     */
    POOLED_ACTIVATION,
    /** A softmax o = softmax(z). */
    SOFTMAX,
    /** A loss E of logits z (and probability targets t) with the softmax inside, whose intermediate value is o. */
    SOFTMAX_CROSS_ENTROPY,
    /** A matrix product z = y W of two matrices. */
    MATRIX_PRODUCT,
    /** An element-wise sum u + v. */
    ADDITION,
    /**
     * A 2-D convolution {@code out[N,O,H,W]} of an input {@code x[N,C,H',W']} with a weight
     * {@code [O, C/groups, kh, kw]} (input 1): weight element {@code [o,c,i,j]} is shared by every
     * output position {@code [n,o,y,x]}, where it multiplies one input element or the zero padding.
     */
    CONVOLUTION,
    /** Copies elements of its one input without changing them (reshape, transpose, slice). */
    MOVE,
    /** Anything else. */
    OTHER
}
