package org.backprop4j.explain;

import java.util.function.Supplier;

/**
 * An edge from a scalar node to one of its inputs, with the local partial derivative. How to show it
 * is made only when a path through it is listed: a large network has millions of edges, few of them shown.
 */
record Edge(Node child, double value, Supplier<Text> text) {

    /** The textbook formula of the partial, the formula with the numbers substituted (may be empty) and a note. */
    record Text(String formula, String substituted, String note) {
        /** The substituted formula, or the formula when there is none. */
        String shown() {
            return substituted.isEmpty() ? formula : substituted;
        }
    }
}
