package org.backprop4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.backprop4j.data.IoErrors;
import org.backprop4j.io.AtomicFiles;

/**
 * Writes output files without destroying what they replace (through {@link AtomicFiles}: regular
 * files atomically, symbolic links followed, devices and FIFOs written through), or to standard
 * output when the file is "-".
 */
final class Output {
    /** The file name that means standard output. */
    static final String STDOUT = "-";

    /** Writes the body to a stream. */
    @FunctionalInterface
    interface Body {
        /** Writes to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    private Output() {
    }

    /** Whether {@code file} is "-", standard output. */
    static boolean isStdout(Path file) {
        return file.toString().equals(STDOUT);
    }

    /** Writes {@code file} with {@code body}: to standard output for "-" (left open), else through {@link AtomicFiles}. */
    static void write(Path file, Body body) {
        if (!isStdout(file)) {
            AtomicFiles.write(file, body::write);
            return;
        }
        try {
            body.write(System.out);
            System.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to standard output: " + IoErrors.reason(e), e);
        }
    }

    /** {@code dir/name.png} becomes {@code dir/name<suffix>.png}. */
    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String sib = dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
        return file.resolveSibling(sib);
    }
}
