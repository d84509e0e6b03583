package org.backprop4j.explain;

/** An edge from a scalar node to one of its inputs, with the local partial derivative and how to show it. */
record Edge(Node child, double value, String formula, String substituted, String note) {
}
