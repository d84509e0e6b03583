package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalers fitted from statistics gathered in parts and merged are those fitted on the whole data
 * set, bit for bit; the standardizer's mean and std are the exactly-summed definitions.
 */
class FeatureStatsTest {
    private static Dataset data(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * Math.pow(10, i % d) + 1000 * (i % d));
        }
        return new Dataset(x, d, new int[n], 1);
    }

    /** The rows of {@code data} from {@code from} to {@code to}. */
    private static Dataset rows(Dataset data, int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return data.subset(idx);
    }

    @Test
    void partsMergedGiveTheWholeSetsScalers() {
        Dataset all = data(1001, 4, 5);
        Standardizer whole = Standardizer.fit(all);
        int[] cuts = {0, 17, 400, 401, 1001};
        FeatureStats first = FeatureStats.of(4);
        for (int p = cuts.length - 2; p >= 0; p--) { // parts merged last to first
            first.merge(FeatureStats.of(rows(all, cuts[p], cuts[p + 1])));
        }
        double[] mean = Standardizer.means(first);
        FeatureStats second = FeatureStats.around(mean);
        for (int p = 0; p < cuts.length - 1; p++) {
            second.merge(FeatureStats.around(mean, rows(all, cuts[p], cuts[p + 1])));
        }
        Standardizer merged = Standardizer.of(mean, second);
        assertThat(merged.mean()).isEqualTo(whole.mean());
        assertThat(merged.std()).isEqualTo(whole.std());
        MinMaxScaler mm = MinMaxScaler.of(first);
        assertThat(mm.min()).isEqualTo(MinMaxScaler.fit(all).min());
        assertThat(mm.max()).isEqualTo(MinMaxScaler.fit(all).max());
        assertThat(first.rows()).isEqualTo(1001);
    }

    @Test
    void standardizerIsTheExactlySummedMeanAndStd() {
        Dataset all = data(300, 3, 11);
        Standardizer s = Standardizer.fit(all);
        for (int j = 0; j < 3; j++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < 300; i++) {
                sum = sum.add(new BigDecimal(all.feature(i, j)));
            }
            double mean = sum.doubleValue() / 300;
            BigDecimal sq = BigDecimal.ZERO;
            for (int i = 0; i < 300; i++) {
                double e = all.feature(i, j) - mean;
                sq = sq.add(new BigDecimal(e * e));
            }
            assertThat(s.mean()[j]).isEqualTo(mean);
            assertThat(s.std()[j]).isEqualTo(Math.sqrt(sq.doubleValue() / 300));
            // and close to the mathematically exact population std
            BigDecimal exactMean = sum.divide(BigDecimal.valueOf(300), MathContext.DECIMAL128);
            assertThat(s.mean()[j]).isCloseTo(exactMean.doubleValue(), org.assertj.core.api.Assertions.within(1e-12 * Math.abs(mean) + 1e-300));
        }
    }
}
