/**
 * The training loop: {@link org.backprop4j.train.Trainer} runs epochs of minibatch steps, reports to
 * listeners, evaluates on held-out data, and computes classification metrics.
 */
package org.backprop4j.train;
