/**
 * Tools that read the graph: {@link org.backprop4j.autograd.GradCheck} compares autodiff gradients with
 * float64 central differences on any function of tensors.
 */
package org.backprop4j.autograd;
