package org.backprop4j.spark;

import org.backprop4j.data.DataLoader;

/**
 * The sample order of one epoch of a {@link DataLoader}, drawn exactly as the loader draws it (a
 * Fisher-Yates permutation from the loader's generator, or 0..N-1 without shuffling), so that the
 * distributed run visits the same global minibatches as {@code for (Batch b : loader)}.
 */
final class EpochOrder {
    private EpochOrder() {
    }

    /** The next epoch's order, advancing the loader's generator as its {@code iterator()} would. */
    static int[] next(DataLoader loader) {
        int n = loader.dataset().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        loader.rng().ifPresent(r -> r.shuffle(order));
        return order;
    }

    /** The number of samples an epoch uses: all, or a multiple of the batch size when the loader drops the last batch. */
    static int used(DataLoader loader) {
        int n = loader.dataset().size();
        return loader.dropLast() ? n - n % loader.batchSize() : n;
    }
}
