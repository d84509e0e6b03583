package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SplitTest {

    /** Sample i has feature i and label c where classes have the given sizes, classes interleaved. */
    private static Dataset withCounts(int... counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        float[] x = new float[n];
        int[] y = new int[n];
        int[] left = counts.clone();
        int i = 0;
        while (i < n) {
            for (int c = 0; c < counts.length; c++) {
                if (left[c] > 0) {
                    left[c]--;
                    x[i] = i;
                    y[i++] = c;
                }
            }
        }
        return new Dataset(x, 1, y, counts.length);
    }

    private static Set<Float> ids(Dataset ds) {
        Set<Float> s = new HashSet<>();
        for (float v : ds.featureData()) {
            s.add(v);
        }
        return s;
    }

    @Test
    void irisKeepsTheClassProportions() {
        Split s = Split.stratifiedSplit(Datasets.iris(), 0.2, 1);
        assertThat(s.test().size()).isEqualTo(30);
        assertThat(s.train().size()).isEqualTo(120);
        assertThat(s.test().classCounts()).containsExactly(10, 10, 10);
        assertThat(s.train().classCounts()).containsExactly(40, 40, 40);
        assertThat(s.test().classNames()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void digitsProportions() {
        Dataset digits = Datasets.digits();
        Split s = Split.stratifiedSplit(digits, 0.25, 3);
        assertThat(s.test().size()).isEqualTo(Math.round(0.25 * 1797));
        int[] all = digits.classCounts();
        int[] test = s.test().classCounts();
        for (int c = 0; c < 10; c++) {
            assertThat((double) test[c]).isBetween(Math.floor(0.25 * all[c]), Math.ceil(0.25 * all[c]));
        }
    }

    @Property(tries = 100)
    void partitionWithFloorOrCeilPerClass(@ForAll @IntRange(min = 1, max = 40) int a,
                                          @ForAll @IntRange(min = 1, max = 40) int b,
                                          @ForAll @IntRange(min = 0, max = 40) int c,
                                          @ForAll @DoubleRange(min = 0.05, max = 0.95) double f,
                                          @ForAll long seed) {
        Dataset ds = withCounts(a, b, c);
        int n = a + b + c;
        long total = Math.round(f * n);
        if (total == 0 || total == n) {
            assertThatThrownBy(() -> Split.stratifiedSplit(ds, f, seed)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        Split s = Split.stratifiedSplit(ds, f, seed);
        assertThat(s.test().size()).isEqualTo(total);
        assertThat(s.train().size() + s.test().size()).isEqualTo(n);
        Set<Float> union = ids(s.train());
        union.addAll(ids(s.test()));
        assertThat(union).hasSize(n);
        int[] counts = {a, b, c};
        int[] test = s.test().classCounts();
        for (int k = 0; k < 3; k++) {
            assertThat((double) test[k]).isBetween(Math.floor(f * counts[k]), Math.ceil(f * counts[k]));
        }
        // original order kept
        float[] tx = s.test().featureData();
        for (int i = 1; i < tx.length; i++) {
            assertThat(tx[i]).isGreaterThan(tx[i - 1]);
        }
    }

    @Test
    void deterministicForASeed() {
        Dataset ds = withCounts(30, 20, 10);
        Split s1 = Split.stratifiedSplit(ds, 0.3, 11);
        Split s2 = Split.stratifiedSplit(ds, 0.3, 11);
        Split s3 = Split.stratifiedSplit(ds, 0.3, 12);
        assertThat(s1.test().featureData()).containsExactly(s2.test().featureData());
        assertThat(s1.train().labels()).containsExactly(s2.train().labels());
        assertThat(s3.test().featureData()).isNotEqualTo(s1.test().featureData());
    }

    @Test
    void rejectsBadFractionsAndEmptyParts() {
        Dataset ds = withCounts(5, 5);
        assertThatThrownBy(() -> Split.stratifiedSplit(ds, 0, 1))
                .hasMessageContaining("test fraction must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> Split.stratifiedSplit(ds, 1.0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Split.stratifiedSplit(ds, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Split.stratifiedSplit(ds, 0.01, 1))
                .hasMessageContaining("a test fraction of 0.01 of 10 samples leaves the test part empty");
    }
}
