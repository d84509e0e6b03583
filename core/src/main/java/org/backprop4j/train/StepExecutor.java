package org.backprop4j.train;

import org.backprop4j.data.DataLoader;

/**
 * How a {@link Trainer} computes one step's gradients: the only part of training that differs
 * between a single process and a cluster (in the spirit of PyTorch's DDP, which syncs gradients
 * underneath an unchanged loop). The trainer owns everything else: epochs, sample order, NaN policy,
 * clipping, the optimiser step, listeners, interruption, early stopping and checkpoints.
 *
 * <p>The trainer zeroes the gradients, calls {@link #gradients}, checks the result, clips and
 * steps. An executor that takes several local optimiser steps per round (parameter averaging)
 * says so with {@link #batchesPerRound()} &gt; 1 and implements {@link #round} instead.
 */
public interface StepExecutor extends AutoCloseable {

    /** Prepares to train {@code trainer}'s model on {@code train}'s data set (called once at the start of each fit). */
    default void open(Trainer trainer, DataLoader train) {
    }

    /** The number of minibatches one call takes: 1 (the default) for {@link #gradients}, more for {@link #round}. */
    default int batchesPerRound() {
        return 1;
    }

    /**
     * Computes the gradient of the trainer's loss on the minibatch of training samples {@code rows}
     * into the gradients of the model's parameters (which the trainer has zeroed), without stepping;
     * {@code step} is the global step number (1-based over the whole run). Returns the batch's figures.
     */
    StepFigures gradients(int[] rows, long step);

    /**
     * For {@link #batchesPerRound()} &gt; 1: takes one optimiser step per minibatch of {@code batches}
     * (global step numbers from {@code firstStep}) and leaves the resulting model and optimiser on the
     * trainer, unless a loss or a resulting value was not finite, in which case the model and optimiser
     * stay as they were and the result names the problem (found on the way: no pass of its own).
     * Returns one figure per minibatch.
     */
    default RoundFigures round(int[][] batches, long firstStep) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes one minibatch per step");
    }

    /** Releases what {@link #open} took (called at the end of each fit). */
    @Override
    default void close() {
    }
}
