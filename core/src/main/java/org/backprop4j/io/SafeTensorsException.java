package org.backprop4j.io;

import java.nio.file.Path;

/**
 * A file that is not valid for what was asked of it (a malformed safetensors file, a model file whose
 * tensors do not fit its architecture, ...): the one-line message names the file and the problem.
 */
public class SafeTensorsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** An error about {@code file}, with a message {@code "<file>: <problem>"} on one line. */
    public SafeTensorsException(Path file, String problem) {
        super(file + ": " + oneLine(problem));
        this.file = file;
    }

    /** The same, with the exception that caused it. */
    public SafeTensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + oneLine(problem), cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
