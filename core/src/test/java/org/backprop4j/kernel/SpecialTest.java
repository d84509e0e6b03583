package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.backprop4j.ReferenceValues;
import org.junit.jupiter.api.Test;

/**
 * The error function against reference values at the points of Abramowitz and Stegun's table 7.1,
 * computed with mpmath to 50 digits by core/src/test/python/reference_values.py.
 */
class SpecialTest {

    @Test
    void erfMatchesTabulatedValues() {
        double[] xs = ReferenceValues.of("erf.x");
        double[] erf = ReferenceValues.of("erf.value");
        assertThat(xs).hasSameSizeAs(erf).hasSizeGreaterThan(5);
        for (int i = 0; i < xs.length; i++) {
            assertThat(Special.erf(xs[i])).as("erf(%s)", xs[i]).isCloseTo(erf[i], within(4e-16));
            assertThat(Special.erf(-xs[i])).isCloseTo(-erf[i], within(4e-16));
        }
        assertThat(Special.erf(0)).isZero();
        assertThat(Special.erf(6)).isEqualTo(1.0);
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
