/**
 * Neural-network building blocks with PyTorch's names and semantics: {@code Module} (named parameters and buffers,
 * train/eval mode, state dicts), {@code Linear}, {@code Conv2d}, pooling, {@code BatchNorm1d/2d}, {@code Sequential},
 * the {@code LayerList} language, activations, {@code Dropout},
 * {@code Flatten}, the losses (cross-entropy, NLL, BCE with logits, MSE) and the {@code Init} initialisers.
 */
package org.backprop4j.nn;
