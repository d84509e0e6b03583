package org.backprop4j.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.LayerList;
import org.backprop4j.nn.Sequential;

/**
 * The network of {@code train --layers}: the layer language of {@link LayerList} over samples of the
 * data's shape ({@code --input-shape}, else the preset's image shape, else flat features).
 */
final class LayerModel {
    private LayerModel() {
    }

    /** Checks the {@code --input-shape} values alone (exactly C,H,W, each at least 1), before any data is read. */
    static void validateShape(int[] inputShape) {
        if (inputShape == null) {
            return;
        }
        if (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("--input-shape " + text(inputShape)
                    + " is not an image shape; expected three positive sizes C,H,W such as 1,28,28");
        }
    }

    /**
     * The shape of one sample of data with {@code features} values: {@code inputShape} when given
     * (its size must equal {@code features}), else the preset's when it fits, else {@code [features]}.
     */
    static int[] sampleShape(int[] inputShape, Preset preset, int features, String dataName) {
        if (inputShape != null) {
            long size = Arrays.stream(inputShape).asLongStream().reduce(1, Math::multiplyExact);
            if (size != features) {
                throw new IllegalArgumentException("--input-shape " + text(inputShape) + " holds " + size + " values but "
                        + dataName + " has " + features + " features per sample");
            }
            return inputShape;
        }
        int[] known = preset.sampleShape;
        boolean presetFits = known.length > 0 && Arrays.stream(known).reduce(1, Math::multiplyExact) == features;
        return presetFits ? known : new int[]{features};
    }

    /** Builds the {@code --layers} network for samples of {@code sampleShape}; a spec that cannot fit fails naming the layer. */
    static Sequential build(String spec, int[] sampleShape, int classes, Rng rng) {
        return build(spec, sampleShape, classes, rng, DType.FLOAT32);
    }

    /** {@link #build(String, int[], int, Rng)} in {@code dtype}. */
    static Sequential build(String spec, int[] sampleShape, int classes, Rng rng, DType dtype) {
        try {
            return LayerList.build(spec, sampleShape, classes, rng, dtype);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layers: " + e.getMessage(), e);
        }
    }

    /** The shape as given on the command line, such as {@code 1,28,28}. */
    static String text(int[] shape) {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
