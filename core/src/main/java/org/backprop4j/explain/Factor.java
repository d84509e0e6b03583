package org.backprop4j.explain;

/**
 * One local partial derivative on a path, {@code d of / d wrt}: its textbook formula, the formula
 * with the example's numbers substituted, a note (which rule or case it is) and its value.
 */
public record Factor(String of, String wrt, String formula, String substituted, String note, double value) {
}
