package org.backprop4j.internal;

import java.util.List;
import java.util.Locale;

/**
 * The {@code backprop4j.*} system properties, each read and checked in this one place: a value that
 * is not allowed fails with an {@link IllegalArgumentException} naming the property and what it may be,
 * instead of being quietly replaced by the default.
 */
public final class Settings {
    /** {@code backprop4j.kernels}: which kernel set to use. */
    public static final String KERNELS = "backprop4j.kernels";
    /** {@code backprop4j.threads}: the size of the kernels' thread pool. */
    public static final String THREADS = "backprop4j.threads";
    /** {@code backprop4j.spinMicros}: how long idle pool threads spin before parking. */
    public static final String SPIN_MICROS = "backprop4j.spinMicros";
    /** {@code backprop4j.parallelFlops}: the GEMM size from which work is split across threads. */
    public static final String PARALLEL_FLOPS = "backprop4j.parallelFlops";
    /** {@code backprop4j.debug}: checks that cost time on every access, such as use of a recycled array. */
    public static final String DEBUG = "backprop4j.debug";

    /** The allowed values of {@link #KERNELS}. */
    public static final List<String> KERNEL_CHOICES = List.of("auto", "vector", "plain");

    private Settings() {
    }

    /** The kernel set asked for: one of {@link #KERNEL_CHOICES}, {@code auto} when unset. */
    public static String kernels() {
        String raw = System.getProperty(KERNELS);
        if (raw == null) {
            return "auto";
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!KERNEL_CHOICES.contains(value)) {
            throw invalid(KERNELS, raw, "one of " + String.join(", ", KERNEL_CHOICES));
        }
        return value;
    }

    /** The thread count asked for, at least 1; {@code fallback} when unset. */
    public static int threads(int fallback) {
        return (int) atLeast(THREADS, fallback, 1, Integer.MAX_VALUE);
    }

    /** The spin time of idle pool threads in microseconds, at least 0; 100 when unset. */
    public static long spinMicros() {
        return atLeast(SPIN_MICROS, 100, 0, Long.MAX_VALUE / 1000);
    }

    /** The GEMM size (2·m·n·k) from which work is split across threads, at least 0; 10^6 when unset. */
    public static long parallelFlops() {
        return atLeast(PARALLEL_FLOPS, 1_000_000L, 0, Long.MAX_VALUE);
    }

    /** Whether debug checks are on: {@code true} or {@code false}; false when unset. */
    public static boolean debug() {
        String raw = System.getProperty(DEBUG);
        if (raw == null) {
            return false;
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(DEBUG, raw, "true or false");
        }
        return value.equals("true");
    }

    /** Reads every property above, so that a bad value fails now rather than at its first use. */
    public static void checkAll() {
        kernels();
        threads(1);
        spinMicros();
        parallelFlops();
        debug();
    }

    private static long atLeast(String name, long fallback, long min, long max) {
        String raw = System.getProperty(name);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, raw, "a whole number from " + min);
        }
        if (value < min || value > max) {
            throw invalid(name, raw, "a whole number from " + min + " to " + max);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String name, String raw, String allowed) {
        return new IllegalArgumentException("system property " + name + "='" + raw + "' is not allowed; use " + allowed);
    }
}
