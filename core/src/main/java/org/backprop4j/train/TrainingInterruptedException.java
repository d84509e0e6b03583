package org.backprop4j.train;

/**
 * Training ended early because its interrupt flag was set (for example by Ctrl-C); it stopped at a
 * step boundary, after the listeners heard {@link TrainingListener#onInterrupt}, and
 * {@link #position()} says where to continue.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TrainingPosition position;

    /** An interrupt at {@code position}, after its step of its epoch. */
    public TrainingInterruptedException(TrainingPosition position) {
        super("training interrupted after step " + position.step() + " of epoch " + position.epoch());
        this.position = position;
    }

    /** Where the run stopped: continue it with {@code trainer.fit(loader, validation, position())}. */
    public TrainingPosition position() {
        return position;
    }

    /** The 1-based epoch in which training stopped. */
    public int epoch() {
        return position.epoch();
    }

    /** The last step (1-based) completed in that epoch. */
    public int step() {
        return position.step();
    }
}
