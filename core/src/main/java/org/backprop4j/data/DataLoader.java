package org.backprop4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;

/**
 * Minibatches of a {@link Dataset}, like PyTorch's {@code DataLoader}: every call of
 * {@link #iterator()} is one epoch that visits each sample exactly once (or all but the last
 * {@code N mod batchSize} when {@code dropLast} is set), in order or in a fresh random order.
 *
 * <p>When shuffling, each epoch's order is a Fisher-Yates permutation of 0..N-1 drawn from the
 * loader's {@link Rng} when {@code iterator()} is called, so the order of every epoch follows from
 * the seed alone, and differs between epochs. To resume a run, save {@code rng().state()} between
 * epochs and restore it with {@code setState}: the next epoch then has the same order as it would
 * have had. Not thread-safe.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(64).shuffle(42).build();
 * for (Batch b : loader) {
 *     Tensor loss = ce.apply(model.forward(b.x()), b.y());
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final Rng rng;
    private final boolean dropLast;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.rng = b.rng;
        this.dropLast = b.dropLast;
    }

    /** A loader of {@code dataset} in its own order, in batches of {@code batchSize}, keeping a short last batch. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(builder(dataset).batchSize(batchSize));
    }

    /** A builder for a loader of {@code dataset}; by default batch size 32, no shuffling, last batch kept. */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** The data set. */
    public Dataset dataset() {
        return dataset;
    }

    /** The batch size; the last batch of an epoch may be smaller unless {@link #dropLast()}. */
    public int batchSize() {
        return batchSize;
    }

    /** True when a last batch smaller than the batch size is dropped. */
    public boolean dropLast() {
        return dropLast;
    }

    /** True when every epoch is shuffled. */
    public boolean shuffles() {
        return rng != null;
    }

    /** The generator that draws each epoch's order (shared, so its state can be saved and restored), if shuffling. */
    public Optional<Rng> rng() {
        return Optional.ofNullable(rng);
    }

    /** The number of batches in one epoch. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Starts a new epoch: draws its order now (when shuffling) and returns its batches. */
    @Override
    public Iterator<Batch> iterator() {
        int n = dataset.size();
        int[] order = null;
        if (rng != null) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            rng.shuffle(order);
        }
        return new Epoch(order, dropLast ? n - n % batchSize : n);
    }

    /** The batches of one epoch. */
    private final class Epoch implements Iterator<Batch> {
        private final int[] order;
        private final int end;
        private int next;

        Epoch(int[] order, int end) {
            this.order = order;
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has ended after " + numBatches() + " batches");
            }
            int b = Math.min(batchSize, end - next);
            int d = dataset.numFeatures();
            float[] src = dataset.featureData();
            int[] labels = dataset.labelData();
            float[] x = new float[b * d];
            int[] y = new int[b];
            if (order == null) {
                System.arraycopy(src, next * d, x, 0, b * d);
                System.arraycopy(labels, next, y, 0, b);
            } else {
                for (int r = 0; r < b; r++) {
                    int i = order[next + r];
                    System.arraycopy(src, i * d, x, r * d, d);
                    y[r] = labels[i];
                }
            }
            next += b;
            return new Batch(Tensor.wrap(NDArray.wrap(x, b, d)), y);
        }
    }

    /** Options of a {@link DataLoader}; every setter returns the builder. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 32;
        private Rng rng;
        private boolean dropLast;

        private Builder(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** Samples per batch, at least 1 (default 32). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffles every epoch with a new generator seeded from {@code seed}. */
        public Builder shuffle(long seed) {
            return shuffle(new Rng(seed));
        }

        /** Shuffles every epoch with {@code rng} (used, not copied), or not at all when null. */
        public Builder shuffle(Rng rng) {
            this.rng = rng;
            return this;
        }

        /** Whether to drop a last batch smaller than the batch size (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The configured loader. */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
