package org.backprop4j.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (SIGINT) into a request to stop at the next step boundary: the first Ctrl-C sets a
 * flag that the training loop reads after every step; a second one exits at once with status 130.
 * Where the JVM offers no {@code sun.misc.Signal}, Ctrl-C keeps its default effect.
 */
final class CtrlC {
    private final AtomicBoolean requested = new AtomicBoolean();

    private CtrlC() {
    }

    /** Installs the handler and returns it; {@link #requested()} then reports a Ctrl-C. */
    static CtrlC install() {
        CtrlC c = new CtrlC();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> c.onSignal());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no SIGINT handling on this platform: Ctrl-C ends the JVM as usual
        }
        return c;
    }

    private void onSignal() {
        if (!requested.compareAndSet(false, true)) {
            System.err.println("second Ctrl-C: exiting without a checkpoint");
            Runtime.getRuntime().halt(130);
        }
        System.err.println("Ctrl-C: stopping after the current step (Ctrl-C again to exit at once)");
    }

    /** True once Ctrl-C has been pressed. */
    boolean requested() {
        return requested.get();
    }
}
