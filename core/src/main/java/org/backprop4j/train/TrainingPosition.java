package org.backprop4j.train;

/**
 * Where a training run stands, so that {@link Trainer#fit(org.backprop4j.data.DataLoader,
 * org.backprop4j.data.Dataset, TrainingPosition)} can continue it bit-identically: the epoch under
 * way, the steps of it already taken, the state of the loader's shuffling generator before that
 * epoch drew its order (so the same order is drawn again), and the epoch's figures so far.
 *
 * @param epoch the 1-based epoch to run
 * @param step the number of steps of that epoch already taken (0 at its start)
 * @param loaderState the loader generator's state before the epoch's order was drawn, or null (at
 *                    the start of an epoch, or when the loader does not shuffle)
 * @param lossSum the weighted loss sum of the steps taken
 * @param denominator the loss's mean denominator summed over those steps
 * @param correct the samples classified correctly in those steps
 * @param seen the samples of those steps
 * @param seconds the training time of those steps
 */
public record TrainingPosition(int epoch, int step, long[] loaderState, double lossSum, double denominator,
                               long correct, long seen, double seconds) {

    /** Checks the numbers. */
    public TrainingPosition {
        if (epoch < 1 || step < 0 || correct < 0 || seen < 0) {
            throw new IllegalArgumentException("invalid training position: epoch " + epoch + " step " + step
                    + " correct " + correct + " seen " + seen);
        }
        if (step > 0 && loaderState != null && loaderState.length != 6) {
            throw new IllegalArgumentException("a loader state has 6 words, got " + loaderState.length);
        }
        loaderState = loaderState == null ? null : loaderState.clone();
    }

    /** The start of epoch {@code epoch} (1-based). */
    public static TrainingPosition startOf(int epoch) {
        return new TrainingPosition(epoch, 0, null, 0, 0, 0, 0, 0);
    }

    /** True when this is the start of its epoch. */
    public boolean atEpochStart() {
        return step == 0;
    }

    /** The generator state (a copy), or null. */
    @Override
    public long[] loaderState() {
        return loaderState == null ? null : loaderState.clone();
    }
}
