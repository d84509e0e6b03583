package org.backprop4j.cli;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP into a request to stop at the next step boundary: the
 * first signal sets a flag that the training loop reads after every step (the run then writes its
 * checkpoint and exits with 128 + the signal's number: 130, 143 or 129); a second signal exits at once
 * with that status, but never in the middle of a checkpoint write: it waits for the write to finish,
 * so no temporary file is left behind. Where the JVM offers no {@code sun.misc.Signal}, the signals
 * keep their default effect.
 */
final class CtrlC implements AutoCloseable {
    /** The handled signals and their numbers (the exit status is 128 + number). */
    private static final String[] NAMES = {"INT", "TERM", "HUP"};
    private static final int[] NUMBERS = {2, 15, 1};

    private final AtomicReference<String> first = new AtomicReference<>();
    private final Object writing = new Object();
    private final IntConsumer halt;
    private final java.util.Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new java.util.LinkedHashMap<>();

    CtrlC(IntConsumer halt) {
        this.halt = halt;
    }

    /**
     * Installs the handlers and returns them; {@link #requested()} then reports a signal, until
     * {@link #close()} gives the signals back their previous handlers.
     */
    static CtrlC install() {
        CtrlC c = new CtrlC(status -> Runtime.getRuntime().halt(status));
        for (String name : NAMES) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                c.previous.put(signal, sun.misc.Signal.handle(signal, sig -> c.onSignal(name)));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // this signal cannot be handled here (e.g. the JVM runs with -Xrs): it keeps its default effect
            }
        }
        return c;
    }

    /** Handles signal {@code name} (INT, TERM or HUP): the first one asks to stop, a second one exits. */
    void onSignal(String name) {
        if (!first.compareAndSet(null, name)) {
            System.err.println(label(name) + " again: exiting without a new checkpoint");
            synchronized (writing) { // a checkpoint being written is finished first
                halt.accept(exitStatus(name));
            }
            return;
        }
        System.err.println(label(name) + ": stopping after the current step (" + label(name)
                + " again to exit at once)");
    }

    /** Runs {@code write} so that a second signal cannot end the process in the middle of it. */
    void uninterruptibly(Runnable write) {
        synchronized (writing) {
            write.run();
        }
    }

    /** Gives the signals back their previous handlers (after training: a signal then has its usual effect). */
    @Override
    public void close() {
        previous.forEach(sun.misc.Signal::handle);
        previous.clear();
    }

    /** True once a signal has been received. */
    boolean requested() {
        return first.get() != null;
    }

    /** The exit status after the first signal: 128 + its number (130 for Ctrl-C). */
    int exitStatus() {
        String name = first.get();
        return exitStatus(name == null ? "INT" : name);
    }

    private static int exitStatus(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return 128 + NUMBERS[i];
            }
        }
        throw new IllegalArgumentException("not a handled signal: " + name);
    }

    /** "Ctrl-C" for INT, else "SIGTERM" or "SIGHUP". */
    private static String label(String name) {
        return name.equals("INT") ? "Ctrl-C" : "SIG" + name.toUpperCase(Locale.ROOT);
    }
}
