package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * A data set stored as pixels (unsigned bytes and a divisor) against the same values stored as floats, computed
 * here by the scalar rule {@code (b & 0xff) / divisor}: every reader must see the same bits.
 */
class PixelDatasetTest {
    private static final int FEATURES = 256 + 7; // every byte value once in row 0, then random
    private static final int ROWS = 301;

    private static byte[] pixels() {
        SplittableRandom r = new SplittableRandom(12);
        byte[] p = new byte[ROWS * FEATURES];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i < 256 ? i : r.nextInt(256));
        }
        return p;
    }

    private static int[] labels() {
        int[] y = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = (i * 7) % 3;
        }
        return y;
    }

    private static Dataset asPixels(float divisor) {
        return Dataset.ofPixels(pixels(), divisor, FEATURES, labels(), 3, List.of("a", "b", "c"), List.of());
    }

    /** The same features as floats, by the scalar rule. */
    private static Dataset asFloats(float divisor) {
        byte[] p = pixels();
        float[] x = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            x[i] = (p[i] & 0xff) / divisor;
        }
        return new Dataset(x, FEATURES, labels(), 3, List.of("a", "b", "c"), List.of());
    }

    private static void assertSameFeatures(Dataset actual, Dataset expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.numFeatures()).isEqualTo(expected.numFeatures());
        float[] a = actual.featureData(); // a float copy for a set stored as pixels
        float[] e = expected.featureData();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(e[i])) {
                throw new AssertionError("feature value " + i + ": " + a[i] + " but expected " + e[i]);
            }
        }
        assertThat(actual.labels()).containsExactly(expected.labels());
    }

    @Test
    void readersSeeTheScalarRuleOfEveryByteValue() {
        for (float divisor : new float[]{1f, 255f, 3f, 0.5f}) {
            Dataset p = asPixels(divisor);
            Dataset f = asFloats(divisor);
            assertThat(p.pixelData()).isNotNull();
            assertSameFeatures(p, f);
            for (int j = 0; j < FEATURES; j++) {
                assertThat(p.feature(0, j)).isEqualTo(f.feature(0, j));
                assertThat(p.feature(ROWS - 1, j)).isEqualTo(f.feature(ROWS - 1, j));
            }
            assertThat(p.features().data().floatData()).isEqualTo(f.featureData());
            assertThat(p.toString()).contains("pixels / " + divisor);
        }
    }

    @Test
    void aSubsetKeepsThePixels() {
        int[] idx = {5, 0, 300, 5, 17};
        Dataset p = asPixels(255f).subset(idx);
        assertThat(p.pixelData()).hasSize(idx.length * FEATURES);
        assertThat(p.pixelDivisor()).isEqualTo(255f);
        assertSameFeatures(p, asFloats(255f).subset(idx));
        assertThatThrownBy(() -> asPixels(1f).subset(new int[]{ROWS})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void thePixelScalerOnlyChangesTheDivisor() {
        Dataset raw = asPixels(1f);
        Dataset scaled = IdxDatasets.pixelScaler(FEATURES).transform(raw);
        assertThat(scaled.pixelData()).isSameAs(raw.pixelData());
        assertThat(scaled.pixelDivisor()).isEqualTo(255f);
        // the float path: the scaler's own formula on the float values 0..255
        assertSameFeatures(scaled, IdxDatasets.pixelScaler(FEATURES).transform(asFloats(1f)));
    }

    @Test
    void scalingsThatNoDivisorReproducesGiveFloatFeaturesWithTheSameBits() {
        Dataset raw = asPixels(1f);
        List<FeatureScaler> scalers = new ArrayList<>();
        scalers.add(Standardizer.fit(raw)); // a shift per feature
        scalers.add(MinMaxScaler.fit(raw)); // the range of each feature: one scale each
        double[] min = new double[FEATURES];
        double[] max = new double[FEATURES];
        java.util.Arrays.fill(min, 10);
        java.util.Arrays.fill(max, 265);
        scalers.add(new MinMaxScaler(min, max)); // a shift common to all
        for (FeatureScaler s : scalers) {
            Dataset scaled = s.transform(raw);
            assertThat(scaled.pixelData()).isNull();
            assertSameFeatures(scaled, s.transform(asFloats(1f)));
        }
        // fitting on pixels sees the float values
        assertSameFeatures(Standardizer.fit(raw).transform(asFloats(1f)),
                Standardizer.fit(asFloats(1f)).transform(asFloats(1f)));
    }

    @Test
    void batchesAreTheFloatSetsBitForBitOnOneAndTwoThreads() {
        int before = Kernels.threads();
        try {
            for (int threads : new int[]{1, 2}) {
                Kernels.setThreads(threads);
                DataLoader p = DataLoader.builder(asPixels(255f)).batchSize(128).shuffle(3).build();
                DataLoader f = DataLoader.builder(asFloats(255f)).batchSize(128).shuffle(3).build();
                var pi = p.iterator();
                var fi = f.iterator();
                int batches = 0;
                while (fi.hasNext()) {
                    Batch a = pi.next();
                    Batch b = fi.next();
                    assertThat(a.x().data().floatData()).isEqualTo(b.x().data().floatData());
                    assertThat(a.x().shape()).containsExactly(b.x().shape());
                    assertThat(a.y()).containsExactly(b.y());
                    batches++;
                }
                assertThat(pi.hasNext()).isFalse();
                assertThat(batches).isEqualTo(3);
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void rejectsADivisorThatIsNotPositiveAndFinite() {
        for (float d : new float[]{0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Dataset.ofPixels(new byte[4], d, 2, new int[2], 1, List.of(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixel divisor");
        }
        assertThatThrownBy(() -> Dataset.ofPixels(new byte[5], 1f, 2, new int[2], 1, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features have 5 values");
    }
}
