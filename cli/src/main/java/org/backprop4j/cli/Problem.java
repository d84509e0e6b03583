package org.backprop4j.cli;

import java.util.function.Supplier;
import org.backprop4j.nn.Module;
import org.backprop4j.tensor.Tensor;

/**
 * What explain and graph work on: a float64 model, one input row, the loss as a function that
 * records a fresh graph on each call, a one-line description, and the parameter element explained by default.
 */
record Problem(Module model, Tensor x, Supplier<Tensor> loss, String description, String defaultParam) {
}
