package org.backprop4j.spark;

/** How the workers' work is combined each round. */
public enum Mode {
    /**
     * One global minibatch per round: the workers sum the gradients of their shares, the driver
     * takes one optimiser step; equal to single-process training with the same batch.
     */
    SYNC,
    /**
     * K global minibatches per round: each worker takes K local optimiser steps on its shares of
     * them, then the driver averages parameters and optimiser state weighted by samples; K times less
     * communication, not equal to single-process training.
     */
    AVERAGING
}
