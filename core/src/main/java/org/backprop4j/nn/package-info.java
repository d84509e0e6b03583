/**
 * Neural-network building blocks with PyTorch's names and semantics: {@code Module} (named parameters,
 * train/eval mode, state dicts), {@code Linear}, {@code Sequential}, activations, {@code Dropout},
 * {@code Flatten}, the losses (cross-entropy, NLL, BCE with logits, MSE) and the {@code Init} initialisers.
 */
package org.backprop4j.nn;
