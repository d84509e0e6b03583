package org.backprop4j.spark;

import org.apache.spark.SparkContext;
import org.backprop4j.train.BackendException;

/**
 * Turns what Spark throws (a job aborted after its task retries, a context stopped by the cluster
 * manager, a session that did not start) into a {@link BackendException} whose message is one line
 * naming the cause, with a hint where the cause has a usual fix.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    /**
     * {@link #explain} for a failure that came from Spark (its exception classes, or any once the context
     * has stopped); anything else, a bug of ours, is returned as it is.
     */
    static RuntimeException translate(String what, Exception e, SparkContext sc) {
        if (e.getClass().getName().startsWith("org.apache.spark.") || sc.isStopped() || e instanceof BackendException) {
            return explain(what, e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    /** {@code what} (such as "a training step failed"), then the first line of the innermost useful message. */
    static BackendException explain(String what, Throwable e) {
        if (e instanceof BackendException b) {
            return b;
        }
        String detail = firstLine(e);
        String hint = "";
        if (detail.contains("ClassNotFoundException") || detail.contains("NoClassDefFoundError")
                || detail.contains("InvalidClassException")) {
            hint = "; the executors lack backprop4j's classes (or have other versions of them): ship"
                    + " backprop4j-spark.jar and backprop4j.jar with spark-submit --jars, or set spark.jars";
        } else if (detail.contains("SparkContext was shut down") || detail.contains("stopped SparkContext")) {
            hint = "; the cluster manager ended the application (see the errors above and the workers' logs)";
        }
        return new BackendException(what + ": " + detail + hint, e);
    }

    /** The first line of the message of {@code e}, or of its cause when it has none (e.g. a bare NullPointerException). */
    private static String firstLine(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? "" : t.getMessage().strip();
        int nl = msg.indexOf('\n');
        String line = nl < 0 ? msg : msg.substring(0, nl).strip();
        return line.isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName().equals("SparkException")
                ? line : t.getClass().getName() + ": " + line;
    }
}
