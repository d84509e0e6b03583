/**
 * Neural-network building blocks with PyTorch's names and semantics: {@code Module} (named parameters
 * and buffers, train/eval mode, state dicts, the {@code config()} a model file records), {@code Linear},
 * {@code Conv2d}, pooling, {@code BatchNorm1d/2d}, {@code Sequential}, the {@code LayerList} language,
 * activations, {@code Dropout}, {@code Flatten}, {@code Mlp}, the losses (cross-entropy, NLL, BCE with
 * logits, MSE) and the {@code Init} initialisers.
 *
 * <p>The layers {@code Conv2d}, {@code MaxPool2d}, {@code AvgPool2d}, {@code Dropout}, {@code Sigmoid},
 * {@code Tanh}, {@code Softmax} and {@code LogSoftmax} share their names with the ops that compute them in
 * {@code org.backprop4j.ops} (as {@code torch.nn.Tanh} and {@code torch.tanh} do in PyTorch). Model code
 * needs only this package and {@code Tensor}'s methods ({@code x.tanh()}), never the ops, so import
 * {@code org.backprop4j.nn.*} and not {@code org.backprop4j.ops.*}.
 */
package org.backprop4j.nn;
