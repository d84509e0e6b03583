package org.backprop4j.data;

import java.util.List;
import java.util.Objects;
import org.backprop4j.kernel.Elementwise;
import org.backprop4j.ndarray.MemoryBudget;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/**
 * A labelled classification data set held in memory: N samples of D float32 features, stored
 * row-major in one {@code float[]} of shape [N, D], and one class index in [0, K) per sample.
 *
 * <p>Images read from IDX files ({@link IdxDatasets}) keep their pixels instead, one unsigned byte per
 * feature, whose value is {@code (byte & 0xff) / divisor} in float32 (a quarter of the memory, and no
 * float copy to fill while loading): scaling such a set by a common factor, as
 * {@link IdxDatasets#pixelScaler} does, only changes the divisor, and {@link DataLoader} converts the
 * rows of each batch as it gathers them. Every reader sees the same float values either way.
 *
 * <p>A data set is immutable by contract: the constructor takes over its arrays without copying
 * (so that a large data set is never held twice), and {@link #featureData()} exposes them for fast
 * readers; neither may be modified afterwards. Class names and feature names are optional (empty
 * lists when absent).
 */
public final class Dataset {
    /** The features, row-major; null when they are stored as {@link #pixels}. */
    private final float[] features;
    /** The features as unsigned bytes, row-major, value {@code (p & 0xff) / pixelDivisor}; null for float features. */
    private final byte[] pixels;
    private final float pixelDivisor;
    private final int size;
    private final int numFeatures;
    private final int[] labels;
    private final int numClasses;
    private final List<String> classNames;
    private final List<String> featureNames;

    /**
     * A data set without class or feature names; see {@link #Dataset(float[], int, int[], int, List, List)}.
     *
     * @param features the features, row-major, numFeatures per sample (taken over, not copied)
     * @param numFeatures the number of features D per sample
     * @param labels the class of each sample, in [0, numClasses) (taken over, not copied)
     * @param numClasses the number of classes K
     * @throws IllegalArgumentException when the sizes disagree, a feature is not finite or a label is out of range
     */
    public Dataset(float[] features, int numFeatures, int[] labels, int numClasses) {
        this(features, numFeatures, labels, numClasses, List.of(), List.of());
    }

    /**
     * A data set of {@code labels.length} samples whose features fill {@code features} row-major,
     * {@code numFeatures} per sample; the arrays are taken over, not copied. Throws an
     * {@link IllegalArgumentException} naming the problem when the sizes disagree, a feature is
     * NaN or infinite, a label is outside [0, numClasses), or a list of names (null or empty for
     * none) has the wrong length.
     *
     * @param features the features, row-major, numFeatures per sample
     * @param numFeatures the number of features D per sample
     * @param labels the class of each sample, in [0, numClasses)
     * @param numClasses the number of classes K
     * @param classNames one name per class, or null or empty for none
     * @param featureNames one name per feature, or null or empty for none
     */
    public Dataset(float[] features, int numFeatures, int[] labels, int numClasses,
                   List<String> classNames, List<String> featureNames) {
        this(Objects.requireNonNull(features, "features"), null, Float.NaN, features.length, numFeatures, labels,
                numClasses, classNames, featureNames, true);
    }

    /**
     * A data set whose features are the unsigned bytes {@code pixels} (taken over, not copied), row-major,
     * {@code numFeatures} per sample, feature value {@code (byte & 0xff) / divisor} in float32: images in a
     * quarter of the memory of float features (see the class comment).
     *
     * @param pixels the features as unsigned bytes, row-major, numFeatures per sample
     * @param divisor what each byte value is divided by, positive and finite (1 for the values 0..255)
     * @param numFeatures the number of features D per sample
     * @param labels the class of each sample, in [0, numClasses) (taken over, not copied)
     * @param numClasses the number of classes K
     * @param classNames one name per class, or null or empty for none
     * @param featureNames one name per feature, or null or empty for none
     * @return the data set
     * @throws IllegalArgumentException when the divisor is not positive and finite, the sizes disagree or a label is
     *         out of range
     */
    public static Dataset ofPixels(byte[] pixels, float divisor, int numFeatures, int[] labels, int numClasses,
                            List<String> classNames, List<String> featureNames) {
        Objects.requireNonNull(pixels, "pixels");
        if (!(divisor > 0) || !Float.isFinite(divisor)) { // every value (0..255) / divisor is then finite
            throw new IllegalArgumentException("the pixel divisor must be positive and finite, got " + divisor);
        }
        return new Dataset(null, pixels, divisor, pixels.length, numFeatures, labels, numClasses, classNames,
                featureNames, false);
    }

    /**
     * The one constructor: float features or pixels (the other null), {@code values} of them; the
     * finiteness of float features is checked when {@code checkFinite} (a subset of a checked set needs no check).
     */
    private Dataset(float[] features, byte[] pixels, float pixelDivisor, int values, int numFeatures, int[] labels,
                    int numClasses, List<String> classNames, List<String> featureNames, boolean checkFinite) {
        Objects.requireNonNull(labels, "labels");
        if (numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures must be at least 1, got " + numFeatures);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        if ((long) labels.length * numFeatures != values) {
            throw new IllegalArgumentException("features have " + values + " values but " + labels.length
                    + " labels x " + numFeatures + " features need " + (long) labels.length * numFeatures);
        }
        for (int i = 0; checkFinite && i < values; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i % numFeatures + " of sample " + i / numFeatures
                        + " is " + features[i] + "; features must be finite");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label of sample " + i + " is " + labels[i]
                        + ", outside [0, " + numClasses + ") for " + numClasses + " classes");
            }
        }
        this.features = features;
        this.pixels = pixels;
        this.pixelDivisor = pixelDivisor;
        this.size = labels.length;
        this.numFeatures = numFeatures;
        this.labels = labels;
        this.numClasses = numClasses;
        this.classNames = names(classNames, numClasses, "class names", "numClasses");
        this.featureNames = names(featureNames, numFeatures, "feature names", "numFeatures");
    }

    private static List<String> names(List<String> names, int expected, String what, String count) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        if (names.size() != expected) {
            throw new IllegalArgumentException(names.size() + " " + what + " " + names + " but " + count
                    + " is " + expected);
        }
        return List.copyOf(names); // also rejects null names
    }

    /**
     * Number of samples N.
     *
     * @return N, the number of samples
     */
    public int size() {
        return size;
    }

    /**
     * Number of features D per sample.
     *
     * @return D, the number of features
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * Number of classes K; labels lie in [0, K), though a subset need not contain every class.
     *
     * @return K, the number of classes
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The class names (index k names class k), or an empty list when the classes have no names.
     *
     * @return the class names (unmodifiable)
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The name of class {@code k}, or {@code k} as a string when the classes have no names.
     *
     * @param k the class, in [0, K)
     * @return the class's name
     */
    public String className(int k) {
        if (k < 0 || k >= numClasses) {
            throw new IndexOutOfBoundsException("class " + k + " outside [0, " + numClasses + ")");
        }
        return ClassNames.name(classNames, k);
    }

    /**
     * The feature names (one per column), or an empty list when the features have no names.
     *
     * @return the feature names (unmodifiable)
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The features as a new float32 tensor of shape [N, D] (a copy).
     *
     * @return the features as a tensor
     */
    public Tensor features() {
        return Tensor.wrap(NDArray.wrap(pixels != null ? featureData() : features.clone(), size, numFeatures));
    }

    /**
     * The row-major feature storage [N, D], shared and not copied: read it, never write it. For a data
     * set stored as pixels (see the class comment), a float copy made by each call.
     *
     * @return the features, row-major
     */
    public float[] featureData() {
        if (pixels == null) {
            return features;
        }
        MemoryBudget.require("the float features of " + this, MemoryBudget.bytes(pixels.length, Float.BYTES));
        float[] x = new float[pixels.length];
        Elementwise.unsignedBytesToFloats(pixels, 0, x, 0, pixels.length, pixelDivisor);
        return x;
    }

    /** The features as unsigned bytes, shared, for readers in this package; null unless the set is stored as pixels. */
    byte[] pixelData() {
        return pixels;
    }

    /** The divisor of a set stored as pixels (feature value {@code (byte & 0xff) / divisor}). */
    float pixelDivisor() {
        return pixelDivisor;
    }

    /** The same pixels, labels and names with another divisor; only for a set stored as pixels. */
    Dataset withPixelDivisor(float divisor) {
        return ofPixels(Objects.requireNonNull(pixels, "pixels"), divisor, numFeatures, labels, numClasses, classNames,
                featureNames);
    }

    /**
     * Feature {@code j} of sample {@code i}.
     *
     * @param i the sample, in [0, N)
     * @param j the feature, in [0, D)
     * @return the feature's value
     */
    public float feature(int i, int j) {
        Objects.checkIndex(i, size);
        Objects.checkIndex(j, numFeatures);
        if (pixels == null) {
            return features[i * numFeatures + j];
        }
        float[] value = new float[1];
        Elementwise.unsignedBytesToFloats(pixels, i * numFeatures + j, value, 0, 1, pixelDivisor);
        return value[0];
    }

    /**
     * The labels (a copy).
     *
     * @return the class of each sample
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The label of sample {@code i}.
     *
     * @param i the sample, in [0, N)
     * @return its class
     */
    public int label(int i) {
        return labels[Objects.checkIndex(i, size)];
    }

    /**
     * The number of samples of each class, an array of length K.
     *
     * @return the count of each class
     */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /**
     * A new data set of the samples at {@code indices}, in that order (repeats allowed), with the
     * same classes and names.
     *
     * @param indices the samples to take, each in [0, N)
     * @return the subset (its features copied)
     */
    public Dataset subset(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        int values = Math.multiplyExact(indices.length, numFeatures);
        float[] x = pixels == null ? new float[values] : null;
        byte[] p = pixels == null ? null : new byte[values];
        int[] y = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("subset index " + i + " at position " + r
                        + " outside [0, " + size + ")");
            }
            if (pixels == null) {
                System.arraycopy(features, i * numFeatures, x, r * numFeatures, numFeatures);
            } else {
                System.arraycopy(pixels, i * numFeatures, p, r * numFeatures, numFeatures);
            }
            y[r] = labels[i];
        }
        // copies of values already checked
        return new Dataset(x, p, pixelDivisor, values, numFeatures, y, numClasses, classNames, featureNames, false);
    }

    /** A data set with the same labels and names but other features of the same shape (taken over). */
    Dataset withFeatures(float[] newFeatures) {
        return new Dataset(newFeatures, numFeatures, labels, numClasses, classNames, featureNames);
    }

    /** The labels, shared and not copied, for readers in this package. */
    int[] labelData() {
        return labels;
    }

    /** Size, features, classes and whether they have names. */
    @Override
    public String toString() {
        return "Dataset[" + size + " x " + numFeatures + (pixels == null ? "" : " pixels / " + pixelDivisor) + ", "
                + numClasses + " classes"
                + (classNames.isEmpty() ? "" : " " + classNames) + "]";
    }
}
