package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageAugmentation} against a brute-force reference: every augmented image is exactly one of
 * the (2s+1)^2 shifts of the image or of its mirror image, built pixel by pixel in two separate steps;
 * the choices cover all of them about equally often, and depend on (seed, epoch, sample) only.
 */
class ImageAugmentationTest {
    private static final int C = 2;
    private static final int H = 5;
    private static final int W = 6;

    /** {@code n} random images C x H x W with values in [1, 2), so that no two candidate images coincide. */
    private static float[] images(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + r.nextFloat();
        }
        return x;
    }

    /** Image {@code i} of {@code x}, as [c][y][x]. */
    private static float[][][] image(float[] x, int i) {
        float[][][] im = new float[C][H][W];
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int u = 0; u < W; u++) {
                    im[c][y][u] = x[((i * C + c) * H + y) * W + u];
                }
            }
        }
        return im;
    }

    /** The reference: mirrored left-right (when asked), then every pixel moved by (dx, dy), zeros moved in. */
    private static float[][][] reference(float[][][] im, int dx, int dy, boolean mirror) {
        float[][][] m = new float[C][H][W];
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int u = 0; u < W; u++) {
                    m[c][y][u] = mirror ? im[c][y][W - 1 - u] : im[c][y][u];
                }
            }
        }
        float[][][] out = new float[C][H][W];
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int u = 0; u < W; u++) {
                    if (y + dy >= 0 && y + dy < H && u + dx >= 0 && u + dx < W) {
                        out[c][y + dy][u + dx] = m[c][y][u];
                    }
                }
            }
        }
        return out;
    }

    /** Which candidate (dx, dy, mirror) {@code got} is, as "dx,dy,m"; fails unless exactly one matches. */
    private static String which(float[][][] original, float[][][] got, int s, boolean flip) {
        String found = null;
        for (int dx = -s; dx <= s; dx++) {
            for (int dy = -s; dy <= s; dy++) {
                for (int m = 0; m < (flip ? 2 : 1); m++) {
                    if (Arrays.deepEquals(reference(original, dx, dy, m == 1), got)) {
                        assertThat(found).as("two candidates match").isNull();
                        found = dx + "," + dy + "," + m;
                    }
                }
            }
        }
        assertThat(found).as("the augmented image is none of the shifted or mirrored images").isNotNull();
        return found;
    }

    private static int[] range(int from, int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = from + i;
        }
        return r;
    }

    @Test
    void everyImageIsOneShiftOrMirrorAndAllOccurAboutEquallyOften() {
        int n = 5000;
        float[] x = images(n, 1);
        float[] original = x.clone();
        new ImageAugmentation(C, H, W, 2, true, 42).apply(x, range(0, n), 3);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(which(image(original, i), image(x, i), 2, true), 1, Integer::sum);
        }
        assertThat(counts).hasSize(50); // 5 x 5 shifts, mirrored or not
        double expected = n / 50.0;
        assertThat(counts.values()).allSatisfy(k -> assertThat(k).isBetween((int) (0.6 * expected), (int) (1.4 * expected)));
    }

    @Test
    void flipsAloneMirrorAboutHalfTheImagesAndShiftsAloneNever() {
        int n = 2000;
        float[] x = images(n, 2);
        float[] original = x.clone();
        new ImageAugmentation(C, H, W, 0, true, 7).apply(x, range(0, n), 1);
        int mirrored = 0;
        for (int i = 0; i < n; i++) {
            mirrored += which(image(original, i), image(x, i), 0, true).endsWith(",1") ? 1 : 0;
        }
        assertThat(mirrored).isBetween(900, 1100);

        float[] y = original.clone();
        new ImageAugmentation(C, H, W, 1, false, 7).apply(y, range(0, n), 1);
        for (int i = 0; i < n; i++) {
            which(image(original, i), image(y, i), 1, false);
        }
    }

    @Test
    void theChoiceDependsOnSeedEpochAndSampleOnlyNotOnTheBatch() {
        ImageAugmentation aug = new ImageAugmentation(C, H, W, 2, true, 5);
        float[] all = images(20, 3);
        float[] one = Arrays.copyOfRange(all, 7 * C * H * W, 8 * C * H * W);
        float[] batch = all.clone();
        aug.apply(batch, range(0, 20), 4);
        aug.apply(one, new int[]{7}, 4);
        assertThat(one).containsExactly(Arrays.copyOfRange(batch, 7 * C * H * W, 8 * C * H * W));

        float[] otherEpoch = all.clone();
        aug.apply(otherEpoch, range(0, 20), 5);
        float[] otherSeed = all.clone();
        new ImageAugmentation(C, H, W, 2, true, 6).apply(otherSeed, range(0, 20), 4);
        assertThat(otherEpoch).isNotEqualTo(batch);
        assertThat(otherSeed).isNotEqualTo(batch);
    }

    @Test
    void theLoaderAugmentsTrainingBatchesOnlyAndItsEpochsCountFromOne() {
        int n = 10;
        int d = C * H * W;
        int[] labels = new int[n];
        Dataset data = new Dataset(images(n, 4), d, labels, 1);
        ImageAugmentation aug = new ImageAugmentation(C, H, W, 1, true, 9);
        DataLoader loader = DataLoader.builder(data).batchSize(4).augment(aug).build();
        int[] order = range(0, n);

        assertThat(loader.batch(order, 2, 6).x().data().floatData()).containsExactly(Arrays.copyOfRange(data.featureData(), 2 * d, 6 * d));
        float[] expected = Arrays.copyOfRange(data.featureData(), 2 * d, 6 * d);
        aug.apply(expected, new int[]{2, 3, 4, 5}, 2);
        assertThat(loader.trainingBatch(order, 2, 6, 2).x().data().floatData()).containsExactly(expected);

        for (int epoch = 1; epoch <= 2; epoch++) {
            int from = 0;
            for (Batch b : loader) {
                int to = from + b.size();
                assertThat(b.x().data().floatData()).containsExactly(loader.trainingBatch(order, from, to, epoch).x().data().floatData());
                from = to;
            }
        }
        assertThat(loader.epochOfStep(1)).isEqualTo(1);
        assertThat(loader.epochOfStep(3)).isEqualTo(1); // 3 batches per epoch
        assertThat(loader.epochOfStep(4)).isEqualTo(2);
        assertThatThrownBy(() -> DataLoader.builder(data).augment(new ImageAugmentation(1, H, W, 1, false, 0)))
                .hasMessageContaining("images of 30 values").hasMessageContaining(d + " features");
    }

    @Test
    void specsParseAndPrintBack() {
        assertThat(ImageAugmentation.parse("none", 1, 28, 28, 0)).isNull();
        assertThat(ImageAugmentation.parse("shift:2+flip", 1, 28, 28, 0).spec()).isEqualTo("shift:2+flip");
        assertThat(ImageAugmentation.parse("FLIP", 1, 28, 28, 0).spec()).isEqualTo("flip");
        assertThat(ImageAugmentation.parse("flip+shift:3", 1, 28, 28, 0).spec()).isEqualTo("shift:3+flip");
        assertThat(ImageAugmentation.parse("shift:1", 3, 8, 8, 0)).hasToString("random shifts of up to 1 pixels (zero fill)");
        assertThatThrownBy(() -> ImageAugmentation.parse("rotate", 1, 28, 28, 0)).hasMessageContaining("'rotate'")
                .hasMessageContaining(ImageAugmentation.FORMS);
        assertThatThrownBy(() -> ImageAugmentation.parse("shift:x", 1, 28, 28, 0)).hasMessageContaining("N >= 1");
        assertThatThrownBy(() -> ImageAugmentation.parse("shift:0", 1, 28, 28, 0)).hasMessageContaining("N >= 1");
        assertThatThrownBy(() -> ImageAugmentation.parse("flip+flip", 1, 28, 28, 0)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> ImageAugmentation.parse("shift:8", 1, 8, 8, 0)).hasMessageContaining("0..7");
    }
}
