package org.backprop4j.tensor;

/**
 * Whether operations record the graph for backpropagation, per thread. Use
 * {@code try (var g = Grad.disabled()) { ... }} for evaluation code that needs no gradients, as
 * PyTorch's {@code with torch.no_grad():}: results computed inside do not require grad, keep no
 * reference to their inputs and cannot be back-propagated. Scopes nest; closing one restores the
 * setting it found.
 *
 * <pre>{@code
 * try (var g = Grad.disabled()) {
 *     Tensor probabilities = model.forward(x).softmax(1);   // no graph is built
 * }
 * }</pre>
 */
public final class Grad {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private Grad() {
    }

    /**
     * True when operations on this thread currently record the graph.
     *
     * @return whether the graph is being recorded on this thread
     */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /**
     * Turns recording off until the returned scope is closed, which restores the previous setting.
     *
     * @return the scope to close, best in try-with-resources
     */
    public static Scope disabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        return new Scope(previous);
    }

    /** A scope that restores the previous recording setting when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean previous) {
            this.previous = previous;
        }

        /** Restores the setting that was in force when the scope was opened. */
        @Override
        public void close() {
            ENABLED.set(previous);
        }
    }
}
