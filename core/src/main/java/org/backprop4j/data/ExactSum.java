package org.backprop4j.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of doubles kept exactly (Shewchuk's non-overlapping partials, as Python's {@code math.fsum})
 * and rounded once, to nearest, when read: the result does not depend on the order of the terms or on
 * how they were grouped and merged, so a sum over a table split into partitions equals the sum of the
 * same values in one pass. The terms must be finite and their partial sums must not overflow.
 */
public final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The non-overlapping partials whose exact sum is the sum, smallest magnitude first. */
    private double[] partials = new double[4];
    /** The number of partials in use. */
    private int count;

    /** Adds {@code x} exactly. */
    public void add(double x) {
        int kept = 0;
        for (int j = 0; j < count; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x); // Two-Sum with |x| >= |y|: hi + lo == x + y exactly
            if (lo != 0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, 2 * kept);
        }
        partials[kept++] = x;
        count = kept;
    }

    /** Adds every term of {@code other} (left unchanged); returns this sum. */
    public ExactSum merge(ExactSum other) {
        for (int j = 0; j < other.count; j++) {
            add(other.partials[j]);
        }
        return this;
    }

    /** The exact sum rounded to the nearest double (ties to even), as {@code math.fsum} rounds it. */
    public double value() {
        if (count == 0) {
            return 0.0;
        }
        int k = count - 1;
        double hi = partials[k];
        double lo = 0;
        while (k > 0) {
            double x = hi;
            double y = partials[--k];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0) {
                break;
            }
        }
        // half-way case: the partials below lo decide whether hi + 2 lo rounds the other way
        if (k > 0 && ((lo < 0 && partials[k - 1] < 0) || (lo > 0 && partials[k - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            if (y == x - hi) {
                hi = x;
            }
        }
        return hi;
    }
}
