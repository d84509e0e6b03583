package org.backprop4j.onnx;

/**
 * An ONNX file that cannot be read or a model that cannot be written as ONNX; the message is one line
 * naming the file (and, for a graph, the node and its operator) and the problem.
 */
public class OnnxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error {@code "<where>: <problem>"} on one line. */
    public OnnxException(String where, String problem) {
        super(oneLine(where + ": " + problem));
    }

    /** The same, with the exception that caused it. */
    public OnnxException(String where, String problem, Throwable cause) {
        super(oneLine(where + ": " + problem), cause);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
