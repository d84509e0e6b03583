package org.backprop4j.train;

/**
 * A {@link TrainingBackend} (such as a Spark cluster) could not start or run a step: its master cannot be
 * reached, its executors do not start or lack classes, or a job failed. The message names the cause in
 * one line; the command line prints it and exits with status 2.
 */
public class BackendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message} (one line), caused by {@code cause}.
     *
     * @param message the cause in one line
     * @param cause what the backend threw
     */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure described by {@code message} (one line).
     *
     * @param message the cause in one line
     */
    public BackendException(String message) {
        super(message);
    }
}
