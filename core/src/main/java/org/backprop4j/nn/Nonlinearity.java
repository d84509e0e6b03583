package org.backprop4j.nn;

/**
 * The non-linearity an initialiser is tuned for; {@link Init#calculateGain} gives its
 * recommended gain, as PyTorch's {@code torch.nn.init.calculate_gain}.
 */
public enum Nonlinearity {
    /** The identity: gain 1. */
    LINEAR,
    /** A 1-D convolution without activation: gain 1. */
    CONV1D,
    /** A 2-D convolution without activation: gain 1. */
    CONV2D,
    /** A 3-D convolution without activation: gain 1. */
    CONV3D,
    /** A 1-D transposed convolution: gain 1. */
    CONV_TRANSPOSE1D,
    /** A 2-D transposed convolution: gain 1. */
    CONV_TRANSPOSE2D,
    /** A 3-D transposed convolution: gain 1. */
    CONV_TRANSPOSE3D,
    /** The logistic sigmoid: gain 1. */
    SIGMOID,
    /** The hyperbolic tangent: gain 5/3. */
    TANH,
    /** The rectifier: gain sqrt(2). */
    RELU,
    /** The leaky rectifier with negative slope a: gain sqrt(2 / (1 + a^2)). */
    LEAKY_RELU,
    /** SELU: gain 3/4. */
    SELU
}
