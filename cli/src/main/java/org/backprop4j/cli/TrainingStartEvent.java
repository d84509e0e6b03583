package org.backprop4j.cli;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.backprop4j.train.TrainingListener;

/**
 * A JFR event at the start of the first training epoch of {@code train} and {@code bench}, so that a
 * recording (bench/warmup-report) can place the JIT compilations against the first real step. When
 * no recording runs, committing it costs next to nothing.
 */
@Name("backprop4j.TrainingStart")
@Label("Training start")
@Category("backprop4j")
@Description("The first training epoch starts (its first step follows)")
final class TrainingStartEvent extends Event {
    @Label("Epoch")
    int epoch;

    /** A listener that commits one event, at the first epoch start it sees. */
    static TrainingListener listener() {
        return new TrainingListener() {
            private boolean seen;

            @Override
            public void onEpochStart(int epoch, int totalEpochs, int samples) {
                if (!seen) {
                    seen = true;
                    TrainingStartEvent e = new TrainingStartEvent();
                    e.epoch = epoch;
                    e.commit();
                }
            }
        };
    }
}
