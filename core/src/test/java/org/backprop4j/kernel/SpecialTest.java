package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The error function against tabulated values (Abramowitz and Stegun, table 7.1, extended precision). */
class SpecialTest {

    @Test
    void erfMatchesTabulatedValues() {
        double[][] table = {
            {0.0, 0.0},
            {0.1, 0.1124629160182849},
            {0.5, 0.5204998778130465},
            {1.0, 0.8427007929497149},
            {2.0, 0.9953222650189527},
            {2.9, 0.9999589021219005},
            {3.0, 0.9999779095030014},
            {3.5, 0.9999992569016276},
            {4.0, 0.9999999845827421},
            {6.0, 1.0},
        };
        for (double[] row : table) {
            assertThat(Special.erf(row[0])).as("erf(%s)", row[0]).isCloseTo(row[1], within(4e-16));
            assertThat(Special.erf(-row[0])).isCloseTo(-row[1], within(4e-16));
        }
        assertThat(Special.erf(Double.NaN)).isNaN();
        assertThat(Special.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void erfIsSmoothAcrossTheSwitchBetweenSeriesAndContinuedFraction() {
        // derivative 2/sqrt(pi) e^{-x^2}, checked by central differences on both sides of x = 3
        for (double x : new double[]{2.99, 3.0, 3.01}) {
            double h = 1e-5;
            double numeric = (Special.erf(x + h) - Special.erf(x - h)) / (2 * h);
            double exact = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
            assertThat(numeric).isCloseTo(exact, within(1e-9));
        }
    }
}
