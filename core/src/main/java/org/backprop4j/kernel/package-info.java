/**
 * The hot loops on raw {@code float[]} / {@code double[]} arrays: GEMM, special functions.
 * Plain static methods that never allocate in their inner loops and know nothing of autograd.
 */
package org.backprop4j.kernel;
