/**
 * Explains gradients: every chain-rule path from a scalar loss to one parameter element, factor by factor,
 * compared with autodiff and numeric differences; and the computational graph as Graphviz DOT.
 */
package org.backprop4j.explain;
