package org.backprop4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.backprop4j.io.AtomicFiles;

/** Writes output files atomically: to a temporary file in the same directory, then renamed over the target. */
final class Output {
    /** Writes the body to a stream. */
    @FunctionalInterface
    interface Body {
        /** Writes to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    private Output() {
    }

    /** Writes {@code file} atomically with {@code body} (through {@link AtomicFiles}). */
    static void write(Path file, Body body) {
        AtomicFiles.write(file, body::write);
    }

    /** {@code dir/name.png} becomes {@code dir/name<suffix>.png}. */
    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String sib = dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
        return file.resolveSibling(sib);
    }
}
