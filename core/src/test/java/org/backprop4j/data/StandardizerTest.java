package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    // feature 0: 1, 2, 3, 6 (mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5); feature 1 constant 7
    private static Dataset data() {
        return new Dataset(new float[]{1, 7, 2, 7, 3, 7, 6, 7}, 2, new int[]{0, 1, 0, 1}, 2,
                List.of("no", "yes"), List.of("a", "b"));
    }

    @Test
    void fitsMeanAndPopulationStd() {
        Standardizer s = Standardizer.fit(data());
        assertThat(s.mean()).containsExactly(3, 7);
        assertThat(s.std()[0]).isCloseTo(Math.sqrt(3.5), within(1e-15));
        assertThat(s.std()[1]).isEqualTo(1.0); // constant feature: std 0 -> 1
    }

    @Test
    void transformGivesZeroMeanUnitVariance() {
        Dataset t = Standardizer.fit(data()).transform(data());
        double sd = Math.sqrt(3.5);
        assertThat(t.featureData()).containsExactly((float) (-2 / sd), 0, (float) (-1 / sd), 0, 0, 0, (float) (3 / sd), 0);
        assertThat(t.labels()).containsExactly(0, 1, 0, 1);
        assertThat(t.classNames()).containsExactly("no", "yes");
        assertThat(t.featureNames()).containsExactly("a", "b");
        assertThat(Standardizer.fit(t).mean()[0]).isCloseTo(0, within(1e-7));
        assertThat(Standardizer.fit(t).std()[0]).isCloseTo(1, within(1e-7));
    }

    @Test
    void transformLeavesTheInputAlone() {
        Dataset d = data();
        Standardizer.fit(d).transform(d);
        assertThat(d.featureData()).containsExactly(1, 7, 2, 7, 3, 7, 6, 7);
    }

    @Test
    void restoredParametersGiveTheSameTransform() {
        Standardizer fitted = Standardizer.fit(data());
        Standardizer restored = new Standardizer(fitted.mean(), fitted.std());
        assertThat(restored.transform(data()).featureData()).containsExactly(fitted.transform(data()).featureData());
        fitted.mean()[0] = 100; // accessors return copies
        assertThat(fitted.mean()[0]).isEqualTo(3);
    }

    @Test
    void rejectsMismatchAndBadParameters() {
        Standardizer s = Standardizer.fit(data());
        Dataset three = new Dataset(new float[3], 3, new int[]{0}, 1);
        assertThatThrownBy(() -> s.transform(three))
                .hasMessageContaining("the standardizer was fitted on 2 features but the data set has 3");
        assertThatThrownBy(() -> new Standardizer(new double[]{0}, new double[]{0}))
                .hasMessageContaining("feature 0: mean 0.0 and std 0.0 must be finite and std positive");
        assertThatThrownBy(() -> new Standardizer(new double[]{0}, new double[]{1, 1}))
                .hasMessageContaining("mean has 1 values and std 2");
        assertThatThrownBy(() -> Standardizer.fit(data().subset(new int[0])))
                .hasMessageContaining("empty data set");
    }
}
