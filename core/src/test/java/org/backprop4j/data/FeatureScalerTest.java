package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeatureScalerTest {
    // feature 1 is constant, which both scalers map to 0
    private static final Dataset DATA = new Dataset(new float[]{1, 7, 2, 7, 3, 7, 6, 7}, 2, new int[]{0, 1, 0, 1}, 2);

    static Stream<Arguments> scalers() {
        return Stream.of(Arguments.of(Standardizer.fit(DATA), "standardizer"),
                Arguments.of(MinMaxScaler.fit(DATA), "min-max scaler"));
    }

    @ParameterizedTest
    @MethodSource("scalers")
    void aRowIsScaledAsTheSameRowOfADataSet(FeatureScaler s, String what) {
        float[] all = s.transform(DATA).featureData();
        for (int i = 0; i < DATA.size(); i++) {
            float[] row = {DATA.feature(i, 0), DATA.feature(i, 1)};
            float[] copy = row.clone();
            assertThat(s.transform(row)).containsExactly(all[2 * i], all[2 * i + 1]);
            assertThat(row).as("the input row is unchanged").containsExactly(copy);
        }
        assertThatThrownBy(() -> s.transform(new float[3]))
                .hasMessage("the " + what + " was fitted on 2 features but the row has 3");
        assertThat(List.of(all[1], all[3])).containsOnly(0f);
    }
}
