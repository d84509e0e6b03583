package org.backprop4j.explain;

import java.math.BigInteger;
import java.util.List;

/**
 * The paths through one intermediate node {@code via}: their exact number, the exact sum of their
 * products, and the first of them that are shown.
 */
public record PathGroup(String via, BigInteger count, double total, List<Path> shown) {
    /** Creates a group; the list is copied. */
    public PathGroup {
        shown = List.copyOf(shown);
    }
}
