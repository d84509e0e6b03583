package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
    // feature 0: -2, 0, 6 (range 8); feature 1 constant 5
    private static Dataset data() {
        return new Dataset(new float[]{-2, 5, 0, 5, 6, 5}, 2, new int[]{0, 0, 1}, 2);
    }

    @Test
    void fitsMinAndMax() {
        MinMaxScaler s = MinMaxScaler.fit(data());
        assertThat(s.min()).containsExactly(-2, 5);
        assertThat(s.max()).containsExactly(6, 5);
    }

    @Test
    void transformMapsToUnitInterval() {
        Dataset t = MinMaxScaler.fit(data()).transform(data());
        assertThat(t.featureData()).containsExactly(0, 0, 0.25f, 0, 1, 0);
        assertThat(t.labels()).containsExactly(0, 0, 1);
    }

    @Test
    void otherDataMayFallOutside() {
        MinMaxScaler s = new MinMaxScaler(new double[]{0, 5}, new double[]{10, 5});
        Dataset other = new Dataset(new float[]{-10, 5, 20, 6}, 2, new int[]{0, 1}, 2);
        assertThat(s.transform(other).featureData()).containsExactly(-1, 0, 2, 1);
    }

    @Test
    void digitsScaleToUnitInterval() {
        Dataset digits = Datasets.digits();
        Dataset t = MinMaxScaler.fit(digits).transform(digits);
        for (float v : t.featureData()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void rejectsMismatchAndBadParameters() {
        MinMaxScaler s = MinMaxScaler.fit(data());
        assertThatThrownBy(() -> s.transform(new Dataset(new float[1], 1, new int[]{0}, 1)))
                .hasMessageContaining("the min-max scaler was fitted on 2 features but the data set has 1");
        assertThatThrownBy(() -> new MinMaxScaler(new double[]{1}, new double[]{0}))
                .hasMessageContaining("feature 0: min 1.0 and max 0.0 must be finite with min <= max");
    }
}
