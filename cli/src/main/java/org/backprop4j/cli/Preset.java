package org.backprop4j.cli;

import java.util.Locale;

/**
 * The named data sets of {@code --dataset} with the training defaults that suit each; a CSV file
 * given with {@code --csv} uses {@link #CSV}'s.
 */
enum Preset {
    /** The bundled 8x8 digits (images 1x8x8): a small MLP, standardised features. */
    DIGITS("digits", new int[]{128}, 30, 32, "constant", Scaling.STANDARDIZE, false, "none", 1, 8, 8),
    /** The bundled iris flowers. */
    IRIS("iris", new int[]{16}, 100, 16, "constant", Scaling.STANDARDIZE, false, "none"),
    /**
     * Fashion-MNIST from IDX files (images 1x28x28): pixels divided by 255, cosine-annealed Adam; a CNN
     * sees shifted and mirrored clothes (a mirrored garment is still the same garment).
     */
    FASHION_MNIST("fashion-mnist", new int[]{256}, 30, 128, "cosine", Scaling.PIXELS, true, "flip", 1, 28, 28),
    /** MNIST from IDX files, trained like Fashion-MNIST, but not mirrored (a mirrored digit is another glyph). */
    MNIST("mnist", new int[]{256}, 30, 128, "cosine", Scaling.PIXELS, true, "shift:2", 1, 28, 28),
    /** Any CSV file: features as they are unless --standardize or --minmax. */
    CSV("csv", new int[]{128}, 30, 32, "constant", Scaling.NONE, false, "none");

    /** How features are scaled when neither --standardize nor --minmax is given. */
    enum Scaling { NONE, STANDARDIZE, MINMAX, PIXELS }

    final String cliName;
    final int[] hidden;
    final int epochs;
    final int batchSize;
    final String schedule;
    final Scaling scaling;
    final boolean hasTestSet;
    /** The --augment default of --arch cnn (an MLP is not augmented unless asked). */
    final String cnnAugment;
    /** The shape of one sample, such as [C, H, W] for images; empty for flat features. */
    final int[] sampleShape;

    Preset(String cliName, int[] hidden, int epochs, int batchSize, String schedule, Scaling scaling,
           boolean hasTestSet, String cnnAugment, int... sampleShape) {
        this.cliName = cliName;
        this.hidden = hidden;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.schedule = schedule;
        this.scaling = scaling;
        this.hasTestSet = hasTestSet;
        this.cnnAugment = cnnAugment;
        this.sampleShape = sampleShape;
    }

    /** The names --dataset accepts. */
    static final String NAMES = "digits, iris, fashion-mnist, mnist";

    /** The preset called {@code name} (case-insensitive) on the command line. */
    static Preset named(String name) {
        for (Preset p : values()) {
            if (p != CSV && p.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "'; choose one of " + NAMES
                + ", or give a CSV file with --csv");
    }
}
