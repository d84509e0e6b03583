package org.backprop4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Image data sets stored as IDX files on disk: MNIST and Fashion-MNIST, each a training set of
 * 60000 and a test set of 10000 grey-scale 28x28 images in 10 classes. Features are the raw pixel
 * values 0..255 (features {@code pixel_r_c}, row-major); divide by 255 (a {@link MinMaxScaler} with
 * min 0 and max 255, see {@link #pixelScaler(int)}) or standardise them before training. The data sets
 * keep the pixels as bytes (see {@link Dataset}): Fashion-MNIST's training set takes 47 MB, not 188.
 *
 * <p>The four files may be gzip-compressed ({@code train-images-idx3-ubyte.gz}) or not
 * ({@code train-images-idx3-ubyte}). When one is missing, the error says how to get it.
 */
public final class IdxDatasets {
    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The default directory for MNIST (by analogy with Fashion-MNIST's). */
    public static final Path MNIST_DIR = Path.of("/usr/share/datasets/mnist");

    /** Fashion-MNIST's class names, in label order. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** MNIST's class names, the digits in label order. */
    public static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String FASHION_HELP = "install Debian's package (sudo apt-get install dataset-fashion-mnist, "
            + "which puts it in " + FASHION_MNIST_DIR + ") or download the four .gz files from "
            + "https://github.com/zalandoresearch/fashion-mnist (data/fashion) into a directory and pass --data-dir DIR";
    private static final String MNIST_HELP = "download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from "
            + "https://ossci-datasets.s3.amazonaws.com/mnist/ into " + MNIST_DIR + " or another directory passed "
            + "with --data-dir DIR";

    private IdxDatasets() {
    }

    /** Fashion-MNIST from {@code dir}: train is the 60000 training images, test the 10000 test images. */
    public static Split fashionMnist(Path dir) {
        return trainAndTest("Fashion-MNIST", dir, FASHION_CLASSES, FASHION_HELP);
    }

    /** MNIST from {@code dir}: train is the 60000 training images, test the 10000 test images. */
    public static Split mnist(Path dir) {
        return trainAndTest("MNIST", dir, DIGIT_CLASSES, MNIST_HELP);
    }

    /**
     * The Fashion-MNIST IDX file {@code base} (such as {@code train-images-idx3-ubyte}) in {@code dir},
     * gzip-compressed or not, for readers that keep the raw bytes; a missing file is an error that
     * says how to get it.
     */
    public static Path fashionMnistFile(Path dir, String base) {
        return find("Fashion-MNIST", dir, base, FASHION_HELP);
    }

    /** A min-max scaler that divides each of {@code features} pixel values by 255. */
    public static MinMaxScaler pixelScaler(int features) {
        double[] max = new double[features];
        Arrays.fill(max, 255);
        return new MinMaxScaler(new double[features], max);
    }

    /**
     * A data set from an IDX image file [N, rows, cols] (or [N, D]) and an IDX label file [N] whose
     * labels are class indices into {@code classNames}.
     */
    public static Dataset read(Path images, Path labels, List<String> classNames) {
        IdxArray img = IdxReader.read(images); // the data set keeps the bytes (Dataset.ofPixels)
        IdxArray lab = IdxReader.read(labels);
        if (img.dims().length < 2) {
            throw new IllegalArgumentException(images + " has dimensions " + Arrays.toString(img.dims())
                    + "; an image file needs at least two: [N, rows, cols]");
        }
        if (lab.dims().length != 1) {
            throw new IllegalArgumentException(labels + " has dimensions " + Arrays.toString(lab.dims())
                    + "; a label file has one: [N]");
        }
        if (img.count() != lab.count()) {
            throw new IllegalArgumentException(images + " holds " + img.count() + " images but " + labels + " holds "
                    + lab.count() + " labels");
        }
        int n = img.count();
        int d = img.itemSize();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab.unsigned(i);
            if (y[i] >= classNames.size()) {
                throw new IllegalArgumentException(labels + ": label " + y[i] + " of item " + i + " is not a class index "
                        + "in [0, " + classNames.size() + ")");
            }
        }
        return Dataset.ofPixels(img.values(), 1f, d, y, classNames.size(), classNames, pixelNames(img.dims()));
    }

    private static Split trainAndTest(String name, Path dir, List<String> classes, String help) {
        Path trainImages = find(name, dir, "train-images-idx3-ubyte", help);
        Path trainLabels = find(name, dir, "train-labels-idx1-ubyte", help);
        Path testImages = find(name, dir, "t10k-images-idx3-ubyte", help);
        Path testLabels = find(name, dir, "t10k-labels-idx1-ubyte", help);
        return new Split(read(trainImages, trainLabels, classes), read(testImages, testLabels, classes));
    }

    private static Path find(String name, Path dir, String base, String help) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new IllegalArgumentException(name + " is not in " + dir + ": " + gz.getFileName() + " (or "
                + plain.getFileName() + ") is missing; to get it, " + help);
    }

    private static List<String> pixelNames(int[] dims) {
        List<String> names = new ArrayList<>();
        if (dims.length == 3) {
            for (int r = 0; r < dims[1]; r++) {
                for (int c = 0; c < dims[2]; c++) {
                    names.add("pixel_" + r + "_" + c);
                }
            }
            return names;
        }
        return List.of();
    }
}
