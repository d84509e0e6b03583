package org.backprop4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every backprop4j.* property: the allowed values are read, anything else fails naming the property. */
class SettingsTest {

    /** Runs {@code read} with the property set to {@code value}, restoring the previous value after. */
    private static <T> T with(String name, String value, Supplier<T> read) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return read.get();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    @Test
    void allowedValuesAreRead() {
        assertThat(with(Settings.KERNELS, " Plain", Settings::kernels)).isEqualTo("plain");
        assertThat(with(Settings.KERNELS, "vector", Settings::kernels)).isEqualTo("vector");
        assertThat(with(Settings.THREADS, "3", () -> Settings.threads(8))).isEqualTo(3);
        assertThat(with(Settings.SPIN_MICROS, "0", Settings::spinMicros)).isZero();
        assertThat(with(Settings.PARALLEL_FLOPS, "123", Settings::parallelFlops)).isEqualTo(123);
        assertThat(with(Settings.DEBUG, "false", Settings::debug)).isFalse();
        assertThat(with(Settings.DEBUG, "TRUE", Settings::debug)).isTrue();
    }

    @Test
    void aMisspeltKernelSetIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> with(Settings.KERNELS, "vectr", Settings::kernels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property backprop4j.kernels='vectr' is not allowed; use one of auto, vector, plain");
    }

    @Test
    void badNumbersAndFlagsAreRejected() {
        assertThatThrownBy(() -> with(Settings.THREADS, "0", () -> Settings.threads(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backprop4j.threads='0'")
                .hasMessageContaining("from 1");
        assertThatThrownBy(() -> with(Settings.THREADS, "4x", () -> Settings.threads(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backprop4j.threads='4x'");
        assertThatThrownBy(() -> with(Settings.SPIN_MICROS, "-1", Settings::spinMicros))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backprop4j.spinMicros");
        assertThatThrownBy(() -> with(Settings.PARALLEL_FLOPS, "1e6", Settings::parallelFlops))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backprop4j.parallelFlops");
        assertThatThrownBy(() -> with(Settings.DEBUG, "yes", Settings::debug))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property backprop4j.debug='yes' is not allowed; use true or false");
        assertThatThrownBy(() -> with(Settings.THREADS, "x", () -> {
            Settings.checkAll();
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backprop4j.threads");
    }
}
