package org.backprop4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.MemoryBudget;

/**
 * Checks of option values made before any data is loaded: each failure is an
 * {@link IllegalArgumentException} whose message names the option and the value in user terms.
 */
final class OptionChecks {
    /** Bytes per parameter while training in float32: the weight, its gradient and two optimiser moments. */
    static final int TRAINING_BYTES_PER_PARAMETER = 4 * Float.BYTES;

    private OptionChecks() {
    }

    /** {@code value} (when given) is at least {@code min}. */
    static void atLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }

    /** {@code value} is in [0, 1): 0 included, 1 excluded (a probability or fraction that leaves something). */
    static void fraction(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in [0, 1), got " + number(value));
        }
    }

    /** {@code value} is in (0, 1), both ends excluded. */
    static void strictFraction(String option, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in (0, 1), got " + number(value));
        }
    }

    /** {@code value} (when given) is finite and greater than 0. */
    static void positive(String option, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " must be a positive number, got " + number(value));
        }
    }

    /** {@code value} (when given) is finite and at least 0. */
    static void nonNegative(String option, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " must be a number >= 0, got " + number(value));
        }
    }

    /** Each hidden size is at least 1. */
    static void hiddenSizes(String option, int[] sizes) {
        if (sizes == null) {
            return;
        }
        for (int h : sizes) {
            if (h < 1) {
                throw new IllegalArgumentException(option + " sizes must be at least 1, got " + Arrays.toString(sizes));
            }
        }
    }

    /** Training a network of this architecture fits in the heap; {@code what} names the options that chose it. */
    static void modelFits(String what, ModelSpec spec) {
        MemoryBudget.require(what + ": a model of " + spec.parameterCount() + " parameters",
                MemoryBudget.bytes(spec.parameterCount(), TRAINING_BYTES_PER_PARAMETER));
    }

    /** An input file exists and is readable (a directory only when {@code directoryOk}). */
    static void readable(String option, Path file, boolean directoryOk) {
        if (file == null) {
            return;
        }
        String at = option + " " + file + ": ";
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(at + "no such file or directory");
        }
        if (Files.isDirectory(file) && !directoryOk) {
            throw new IllegalArgumentException(at + "is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(at + "permission denied");
        }
    }

    /** An input that is read with random access (a model or checkpoint): a readable regular file, not a pipe. */
    static void regularFile(String option, Path file) {
        readable(option, file, false);
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": not a regular file (a pipe or a device?); "
                    + "give the file itself");
        }
    }

    /**
     * An output can be written: "-" (standard output) when {@code stdoutOk}; otherwise not a
     * directory, and the nearest existing directory above it is a writable directory.
     */
    static void writable(String option, Path file, boolean stdoutOk) {
        if (file == null) {
            return;
        }
        String at = option + " " + file + ": ";
        if (Output.isStdout(file)) {
            if (!stdoutOk) {
                throw new IllegalArgumentException(at + "standard output is not possible here; give a file");
            }
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(at + "is a directory; give a file name");
        }
        if (file.getFileName() == null) {
            throw new IllegalArgumentException(at + "not a file name");
        }
        Path dir = file.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(at + (dir == null ? "no directory to create it in" : dir + " is not a directory"));
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(at + "the directory " + dir + " is not writable");
        }
    }

    /** A number as the user would write it: "1", "0.5", "NaN". */
    private static String number(double v) {
        return v == Math.rint(v) && Double.isFinite(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }
}
