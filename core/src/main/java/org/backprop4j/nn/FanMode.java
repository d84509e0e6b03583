package org.backprop4j.nn;

/** Which fan a Kaiming initialiser scales by (PyTorch's {@code mode} argument). */
public enum FanMode {
    /** Preserves the variance of the activations in the forward pass (the default). */
    FAN_IN,
    /** Preserves the variance of the gradients in the backward pass. */
    FAN_OUT
}
