package org.backprop4j.optim;

/** Validation of hyper-parameters, with messages that name the parameter and the rejected value. */
final class Checks {
    private Checks() {
    }

    /** A learning rate: finite and at least zero. */
    static double learningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr + " (must be finite and >= 0)");
        }
        return lr;
    }

    /** A finite value of at least zero, such as a weight decay or a momentum. */
    static double nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Invalid " + what + " value: " + v + " (must be finite and >= 0)");
        }
        return v;
    }

    /** A value in [0, 1]. */
    static double unitInterval(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("Invalid " + what + " value: " + v + " (must be in [0, 1])");
        }
        return v;
    }

    /** A count of at least {@code min}. */
    static int atLeast(String what, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("Invalid " + what + " value: " + v + " (must be >= " + min + ")");
        }
        return v;
    }

    /** A schedule step index: at least zero. */
    static int stepIndex(int t) {
        if (t < 0) {
            throw new IllegalArgumentException("schedule step t must be >= 0, got " + t);
        }
        return t;
    }
}
