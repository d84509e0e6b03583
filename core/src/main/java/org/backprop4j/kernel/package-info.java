/**
 * The hot loops on raw {@code float[]} / {@code double[]} arrays: GEMM, element-wise loops, column sums.
 * Plain static methods over a Vector API or plain-Java kernel set, with the one shared thread pool.
 */
package org.backprop4j.kernel;
