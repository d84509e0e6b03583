package org.backprop4j.cli;

import java.util.Locale;
import org.backprop4j.optim.ConstantLR;
import org.backprop4j.optim.CosineAnnealingLR;
import org.backprop4j.optim.LinearWarmup;
import org.backprop4j.optim.LrSchedule;
import org.backprop4j.optim.StepLR;

/** Parses the {@code --schedule} option into a per-epoch learning-rate schedule. */
final class Schedules {
    /** The forms --schedule accepts. */
    static final String FORMS = "constant, cosine (to 0 over the epochs), step:EVERY:GAMMA (multiply by GAMMA every "
            + "EVERY epochs), warmup:EPOCHS+cosine or warmup:EPOCHS+constant";

    private Schedules() {
    }

    /** The schedule {@code spec} for a base rate {@code lr} over {@code epochs} epochs. */
    static LrSchedule parse(String spec, double lr, int epochs) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("warmup:")) {
                int plus = s.indexOf('+');
                if (plus < 0) {
                    throw new IllegalArgumentException("missing '+'");
                }
                int warm = integer(s.substring(7, plus));
                LrSchedule after = parse(s.substring(plus + 1), lr, Math.max(1, epochs - warm));
                return new LinearWarmup(warm, 0.1, after);
            }
            if (s.equals("constant")) {
                return new ConstantLR(lr);
            }
            if (s.equals("cosine")) {
                return new CosineAnnealingLR(lr, Math.max(1, epochs), 0);
            }
            if (s.startsWith("step")) {
                String[] parts = s.split(":");
                int every = parts.length > 1 ? integer(parts[1]) : Math.max(1, epochs / 3);
                double gamma = parts.length > 2 ? number(parts[2]) : 0.1;
                return new StepLR(lr, every, gamma);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad --schedule '" + spec + "': " + e.getMessage() + "; use " + FORMS);
        }
        throw new IllegalArgumentException("unknown --schedule '" + spec + "'; use " + FORMS);
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number", e);
        }
    }
}
