/**
 * The one training loop: {@link org.backprop4j.train.Trainer} runs epochs of minibatch steps whose
 * gradients a {@link org.backprop4j.train.StepExecutor} computes (in this process, or on Spark),
 * reports to listeners, stops and resumes exactly, evaluates without a graph, and computes metrics.
 */
package org.backprop4j.train;
