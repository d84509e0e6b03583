/**
 * Neural-network building blocks: modules with named parameters, layers, activations, losses
 * (cross-entropy first among them) and initialisers.
 */
package org.backprop4j.nn;
