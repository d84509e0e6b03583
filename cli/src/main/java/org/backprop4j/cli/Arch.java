package org.backprop4j.cli;

import java.util.Locale;

/**
 * The networks of {@code train --arch}: the MLP of --hidden/--activation/--dropout, or a preset
 * convolutional network for small images with the training defaults that suit it.
 */
enum Arch {
    /** The multi-layer perceptron of --hidden, --activation and --dropout (the default). */
    MLP(null, 0),
    /**
     * Two 3x3 convolutions with batch norm, each followed by 2x2 max pooling, then a dropout-regularised
     * dense layer; with the augmentation of the data set's preset it reaches 0.93 on Fashion-MNIST.
     */
    CNN(Arch.CNN_LAYERS, Arch.CNN_EPOCHS);

    /** The names --arch accepts. */
    static final String NAMES = "mlp, cnn";
    /** The layers of {@link #CNN} (a constant, so that the help text can show it). */
    static final String CNN_LAYERS = "conv2d(32,3,padding=1) batchnorm2d relu maxpool2d(2) conv2d(64,3,padding=1) batchnorm2d relu "
            + "maxpool2d(2) flatten linear(128) relu dropout(0.3) linear";
    /** The default number of epochs of {@link #CNN}. */
    static final int CNN_EPOCHS = 20;

    /** The network in the layer language, or null for the MLP. */
    final String layers;
    /** The default number of epochs, or 0 for the data set's. */
    final int epochs;

    Arch(String layers, int epochs) {
        this.layers = layers;
        this.epochs = epochs;
    }

    /** The architecture called {@code name} (case-insensitive). */
    static Arch named(String name) {
        for (Arch a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--arch must be one of " + NAMES + ", got " + name);
    }
}
