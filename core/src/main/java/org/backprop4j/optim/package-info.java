/**
 * Optimisers that update parameters from their gradients (SGD, Adam, AdamW), gradient clipping,
 * and learning-rate schedules, with state that can be saved and restored for exact resumption.
 */
package org.backprop4j.optim;
