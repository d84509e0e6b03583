package org.backprop4j.data;

import java.io.Serializable;
import java.util.Locale;
import org.backprop4j.ndarray.Rng;

/**
 * Light augmentation of image rows for training: each sample is shifted by a random whole number of
 * pixels in [-maxShift, maxShift] along each axis (pixels moved in from outside are 0) and, when
 * {@code flip} is set, mirrored left-right with probability 1/2 (before the shift).
 *
 * <p>The choice for a sample is a function of {@code (seed, epoch, sample index)} alone
 * ({@link Rng#hash}), not of a running generator: the same epoch sees the same augmented images
 * whatever the batch size, thread count, partitioning or point of resumption, so a resumed run stays
 * bit-identical. Applied in place on a gathered batch; the only allocation is one image of scratch
 * per call. Immutable, so one instance may serve several threads.
 *
 * <pre>{@code
 * ImageAugmentation aug = ImageAugmentation.parse("shift:2+flip", 1, 28, 28, seed);
 * DataLoader loader = DataLoader.builder(train).batchSize(128).shuffle(rng).augment(aug).build();
 * }</pre>
 */
public final class ImageAugmentation implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The forms {@link #parse} accepts. */
    public static final String FORMS = "none, shift:N, flip or shift:N+flip";

    /** Channels C of an image. */
    private final int channels;
    /** Height H of an image. */
    private final int height;
    /** Width W of an image. */
    private final int width;
    /** The largest shift, in pixels, along each axis (0: no shifts). */
    private final int maxShift;
    /** Whether images are mirrored left-right with probability 1/2. */
    private final boolean flip;
    /** The seed that, with the epoch and the sample index, picks each image's transform. */
    private final long seed;

    /** Shifts of up to {@code maxShift} pixels and, if {@code flip}, left-right mirroring of C x H x W images. */
    public ImageAugmentation(int channels, int height, int width, int maxShift, boolean flip, long seed) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (maxShift < 0 || maxShift >= Math.max(height, width)) {
            throw new IllegalArgumentException("shift must be in 0.." + (Math.max(height, width) - 1) + " for "
                    + height + "x" + width + " images, got " + maxShift);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.maxShift = maxShift;
        this.flip = flip;
        this.seed = seed;
    }

    /**
     * The augmentation {@code spec} describes for C x H x W images, or null for {@code none}:
     * {@code shift:N} (random shifts of up to N pixels), {@code flip} (random left-right mirroring),
     * or both joined by {@code +}.
     */
    public static ImageAugmentation parse(String spec, int channels, int height, int width, long seed) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return null;
        }
        int shift = 0;
        boolean mirror = false;
        for (String part : s.split("\\+", -1)) {
            if (part.equals("flip") && !mirror) {
                mirror = true;
            } else if (part.startsWith("shift:") && shift == 0) {
                try {
                    shift = Integer.parseInt(part.substring("shift:".length()));
                } catch (NumberFormatException e) {
                    shift = -1;
                }
                if (shift < 1) {
                    throw new IllegalArgumentException("augmentation '" + spec + "': shift:N needs a whole number of pixels N >= 1");
                }
            } else {
                throw new IllegalArgumentException("augmentation '" + spec + "': unknown or repeated part '" + part
                        + "'; expected " + FORMS);
            }
        }
        return new ImageAugmentation(channels, height, width, shift, mirror, seed);
    }

    /** The number of values of one image, C*H*W. */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * Augments the images of a batch in place: {@code x} holds {@code rows.length} images of
     * {@link #imageSize()} values, image r being sample {@code rows[r]} of the data set, seen in
     * {@code epoch}.
     */
    public void apply(float[] x, int[] rows, long epoch) {
        int d = imageSize();
        if (x.length != (long) rows.length * d) {
            throw new IllegalArgumentException("a batch of " + rows.length + " images of " + d + " values needs "
                    + (long) rows.length * d + " values, got " + x.length);
        }
        float[] source = null;
        int span = 2 * maxShift + 1;
        for (int r = 0; r < rows.length; r++) {
            long bits = Rng.hash(seed, epoch, rows[r]);
            int dx = (int) Long.remainderUnsigned(bits & 0xFFFFFFFFL, span) - maxShift;
            int dy = (int) Long.remainderUnsigned((bits >>> 32) & 0x7FFFFFFFL, span) - maxShift;
            boolean mirror = flip && bits < 0;
            if (dx == 0 && dy == 0 && !mirror) {
                continue;
            }
            if (source == null) {
                source = new float[d];
            }
            System.arraycopy(x, r * d, source, 0, d);
            move(source, x, r * d, dx, dy, mirror);
        }
    }

    /** out(c, y, x) = in(c, y - dy, x') with x' = x - dx, mirrored to W-1-x' when asked; 0 outside the image. */
    private void move(float[] in, float[] out, int offset, int dx, int dy, boolean mirror) {
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int to = offset + plane + y * width;
                int sy = y - dy;
                if (sy < 0 || sy >= height) {
                    java.util.Arrays.fill(out, to, to + width, 0f);
                    continue;
                }
                int from = plane + sy * width;
                for (int x = 0; x < width; x++) {
                    int sx = x - dx;
                    out[to + x] = sx < 0 || sx >= width ? 0f : in[from + (mirror ? width - 1 - sx : sx)];
                }
            }
        }
    }

    /** The spec that {@link #parse} reads back, such as {@code shift:2+flip}. */
    public String spec() {
        if (maxShift == 0 && !flip) {
            return "none";
        }
        return maxShift > 0 ? "shift:" + maxShift + (flip ? "+flip" : "") : "flip";
    }

    @Override
    public String toString() {
        String what = maxShift > 0 ? "random shifts of up to " + maxShift + " pixels (zero fill)" : "";
        if (flip) {
            what += (what.isEmpty() ? "" : " and ") + "random horizontal flips";
        }
        return what.isEmpty() ? "no augmentation" : what;
    }
}
