package org.backprop4j.io;

import java.util.Map;
import org.backprop4j.internal.Json;
import org.backprop4j.train.TrainingPosition;

/**
 * The {@code position} entry of a checkpoint written in the middle of an epoch: a JSON object of the
 * {@link TrainingPosition} (epoch, step, loader state before the epoch's shuffle, the epoch's figures
 * so far), written exactly so that a resumed run continues bit-identically.
 */
final class CheckpointPosition {
    /** The metadata key. */
    static final String KEY = "position";

    private CheckpointPosition() {
    }

    /** The JSON object of {@code p}. */
    static String json(TrainingPosition p) {
        long[] state = p.loaderState();
        return "{\"epoch\":" + p.epoch() + ",\"step\":" + p.step() + ",\"loader_state\":"
                + (state == null ? "null" : Json.longArray(state)) + ",\"loss_sum\":" + Meta.anyDouble(p.lossSum())
                + ",\"denominator\":" + Meta.anyDouble(p.denominator()) + ",\"correct\":" + p.correct() + ",\"seen\":"
                + p.seen() + ",\"seconds\":" + Meta.anyDouble(p.seconds()) + "}";
    }

    /** The position saved in {@code m}, or null when there is none (a checkpoint at an epoch boundary). */
    static TrainingPosition read(Meta m) {
        if (!m.has(KEY)) {
            return null;
        }
        Map<?, ?> o = m.object(KEY);
        for (String field : new String[]{"epoch", "step", "loader_state", "loss_sum", "denominator", "correct", "seen",
            "seconds"}) {
            if (!o.containsKey(field)) {
                throw m.fail(KEY, "lacks \"" + field + "\"");
            }
        }
        Object state = o.get("loader_state");
        if (state != null && !(state instanceof java.util.List)) {
            throw m.fail(KEY, "needs \"loader_state\" as an array of 6 integers or null");
        }
        long[] words = state == null ? null : m.longs((java.util.List<?>) state, KEY);
        if (words != null && words.length != 6) {
            throw m.fail(KEY, "needs 6 words of \"loader_state\", got " + words.length);
        }
        try {
            return new TrainingPosition((int) m.integer(o.get("epoch"), KEY, 1, Integer.MAX_VALUE),
                    (int) m.integer(o.get("step"), KEY, 0, Integer.MAX_VALUE), words, m.number(o.get("loss_sum"), KEY),
                    m.number(o.get("denominator"), KEY), m.integer(o.get("correct"), KEY, 0, Long.MAX_VALUE),
                    m.integer(o.get("seen"), KEY, 0, Long.MAX_VALUE), m.number(o.get("seconds"), KEY));
        } catch (IllegalArgumentException e) {
            throw m.fail(KEY, "is invalid: " + e.getMessage());
        }
    }
}
