package org.backprop4j.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.backprop4j.kernel.Elementwise;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
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
    private final int size;
    private final int batchSize;
    private final Rng rng;
    private final boolean dropLast;
    private final ImageAugmentation augmentation;
    /** The epochs {@link #iterator()} has started, for the augmentation of its batches. */
    private long epochsStarted;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.size = b.size;
        this.batchSize = b.batchSize;
        this.rng = b.rng;
        this.dropLast = b.dropLast;
        this.augmentation = b.augmentation;
    }

    /**
     * A loader of {@code dataset} in its own order, in batches of {@code batchSize}, keeping a short last batch.
     *
     * @param dataset the samples
     * @param batchSize the samples per batch, at least 1
     */
    public DataLoader(Dataset dataset, int batchSize) {
        this(builder(dataset).batchSize(batchSize));
    }

    /**
     * A builder for a loader of {@code dataset}; by default batch size 32, no shuffling, last batch kept.
     *
     * @param dataset the samples
     * @return a builder
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /**
     * A builder for a loader of the sample indices 0..size-1 of data held elsewhere, such as on a
     * Spark backend's executors: it draws each epoch's order exactly as a loader of a data set of
     * that size would, but has no data, so {@link #dataset()}, {@link #batch} and {@link #iterator()}
     * throw.
     *
     * @param size the number of samples N
     * @return a builder
     */
    public static Builder builder(int size) {
        return new Builder(size);
    }

    /**
     * The data set; throws for a loader of {@linkplain #builder(int) indices only}.
     *
     * @return the samples this loader batches
     */
    public Dataset dataset() {
        if (dataset == null) {
            throw new IllegalStateException("this loader orders " + size + " samples held elsewhere; it has no data set");
        }
        return dataset;
    }

    /**
     * The number of samples.
     *
     * @return N
     */
    public int size() {
        return size;
    }

    /**
     * The batch size; the last batch of an epoch may be smaller unless {@link #dropLast()}.
     *
     * @return the samples per batch
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * True when a last batch smaller than the batch size is dropped.
     *
     * @return whether a short last batch is dropped
     */
    public boolean dropLast() {
        return dropLast;
    }

    /**
     * True when every epoch is shuffled.
     *
     * @return whether each epoch has a new random order
     */
    public boolean shuffles() {
        return rng != null;
    }

    /**
     * The generator that draws each epoch's order (shared, so its state can be saved and restored), if shuffling.
     *
     * @return the shuffling generator, or empty when the order is fixed
     */
    public Optional<Rng> rng() {
        return Optional.ofNullable(rng);
    }

    /**
     * The augmentation of training batches, if any.
     *
     * @return the augmentation, or empty when batches are used as they are
     */
    public Optional<ImageAugmentation> augmentation() {
        return Optional.ofNullable(augmentation);
    }

    /**
     * The number of batches in one epoch.
     *
     * @return the batches per epoch
     */
    public int numBatches() {
        int n = size;
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * The number of samples an epoch uses: all, or a multiple of the batch size when the last batch is dropped.
     *
     * @return the samples per epoch
     */
    public int samplesPerEpoch() {
        int n = size;
        return dropLast ? n - n % batchSize : n;
    }

    /**
     * Starts a new epoch: its sample order, a Fisher-Yates permutation drawn now from the generator
     * when shuffling (exactly as {@link #iterator()} draws it), else 0..N-1. The epoch's batches are
     * {@code batch(order, i * batchSize(), ...)} up to {@link #samplesPerEpoch()}.
     *
     * @return the sample indices of the epoch, in order (a new array)
     */
    public int[] epochOrder() {
        int n = size;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (rng != null) {
            rng.shuffle(order);
        }
        return order;
    }

    /**
     * The epoch of a global training step, {@link #numBatches()} steps per epoch.
     *
     * @param step the step, 1-based over the whole run
     * @return its epoch, 1-based
     */
    public long epochOfStep(long step) {
        return (step - 1) / Math.max(1, numBatches()) + 1;
    }

    /**
     * The training minibatch of the samples {@code order[from]..order[to - 1]} in {@code epoch}:
     * {@link #batch} augmented, when the loader augments, as {@link ImageAugmentation} says for
     * that epoch and those samples.
     *
     * @param order an epoch's order, from {@link #epochOrder()}
     * @param from the first position in order, inclusive
     * @param to the last position in order, exclusive
     * @param epoch the epoch, 1-based, that the augmentation depends on
     * @return the batch's features (augmented) and labels
     */
    public Batch trainingBatch(int[] order, int from, int to, long epoch) {
        Batch b = batch(order, from, to);
        if (augmentation != null) {
            augmentation.apply(b.x().data().floatData(), Arrays.copyOfRange(order, from, to), epoch);
        }
        return b;
    }

    /**
     * The minibatch of the samples {@code order[from]..order[to - 1]}, gathered in that order, not
     * augmented: fresh arrays, except that inside a step's {@link Workspace} scope the features go to
     * an array of that workspace (the next step's scope reuses it: a training step's batch makes no
     * garbage).
     *
     * @param order an epoch's order, from {@link #epochOrder()}
     * @param from the first position in order, inclusive
     * @param to the last position in order, exclusive
     * @return the batch's features and labels
     */
    public Batch batch(int[] order, int from, int to) {
        int b = to - from;
        Dataset dataset = dataset();
        int d = dataset.numFeatures();
        int[] labels = dataset.labelData();
        float[] x = Workspace.floatsForOverwrite(b * d); // every value is written below
        byte[] pixels = dataset.pixelData();
        if (pixels != null) {
            Elementwise.unsignedByteRows(pixels, d, order, from, b, dataset.pixelDivisor(), x);
        } else {
            float[] src = dataset.featureData();
            for (int r = 0; r < b; r++) {
                System.arraycopy(src, order[from + r] * d, x, r * d, d);
            }
        }
        int[] y = new int[b];
        for (int r = 0; r < b; r++) {
            y[r] = labels[order[from + r]];
        }
        return new Batch(Tensor.wrap(NDArray.wrap(x, b, d)), y);
    }

    /**
     * Starts a new epoch: draws its order now (when shuffling) and returns its batches, augmented as
     * epoch 1, 2, ... by the count of {@code iterator()} calls when the loader augments.
     */
    @Override
    public Iterator<Batch> iterator() {
        dataset();
        int[] order = epochOrder();
        long epoch = ++epochsStarted;
        int end = samplesPerEpoch();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the epoch has ended after " + numBatches() + " batches");
                }
                int to = Math.min(end, next + batchSize);
                Batch b = trainingBatch(order, next, to, epoch);
                next = to;
                return b;
            }
        };
    }

    /** Options of a {@link DataLoader}; every setter returns the builder. */
    public static final class Builder {
        private final Dataset dataset;
        private final int size;
        private int batchSize = 32;
        private Rng rng;
        private boolean dropLast;
        private ImageAugmentation augmentation;

        private Builder(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.size = dataset.size();
        }

        private Builder(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("size must be at least 0, got " + size);
            }
            this.dataset = null;
            this.size = size;
        }

        /**
         * Samples per batch, at least 1 (default 32).
         *
         * @param batchSize the batch size
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Shuffles every epoch with a new generator seeded from {@code seed}.
         *
         * @param seed the seed of the shuffling generator
         * @return this builder
         */
        public Builder shuffle(long seed) {
            return shuffle(new Rng(seed));
        }

        /**
         * Shuffles every epoch with {@code rng} (used, not copied), or not at all when null.
         *
         * @param rng the shuffling generator, or null for a fixed order
         * @return this builder
         */
        public Builder shuffle(Rng rng) {
            this.rng = rng;
            return this;
        }

        /**
         * Whether to drop a last batch smaller than the batch size (default false).
         *
         * @param dropLast true to drop it
         * @return this builder
         */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Augments every training batch (null for none); the data set's rows must be its images.
         *
         * @param a the augmentation, or null
         * @return this builder
         */
        public Builder augment(ImageAugmentation a) {
            if (a != null && a.imageSize() != dataset.numFeatures()) {
                throw new IllegalArgumentException("the augmentation is for images of " + a.imageSize()
                        + " values but the data set has " + dataset.numFeatures() + " features");
            }
            this.augmentation = a;
            return this;
        }

        /**
         * The configured loader.
         *
         * @return a new loader
         */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
