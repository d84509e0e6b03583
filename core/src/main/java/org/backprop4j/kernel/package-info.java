/**
 * The hot loops on raw {@code float[]} / {@code double[]} arrays: GEMM, element-wise loops, column sums,
 * convolution through im2col and GEMM, pooling and batch-norm passes.
 * Plain static methods over a Vector API or plain-Java kernel set, with the one shared thread pool.
 */
package org.backprop4j.kernel;
