package org.backprop4j.spark;

/**
 * One global minibatch's figures as the listeners receive them.
 *
 * @param size the number of samples
 * @param loss the batch loss as the trainer's loss reduces it (mean or sum)
 * @param correct the number classified correctly
 */
record BatchStats(int size, double loss, int correct) {
}
