package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.backprop4j.data.FeatureScaler;
import org.backprop4j.data.FeatureStats;
import org.backprop4j.data.Split;

/**
 * A part of a table held by the executors as {@link Shard} blocks, numbered 0..size-1 in the table's
 * order (partition after partition, row after row), with the number of samples of each class in
 * each partition, which is all the driver keeps. Splits, limits and scaling derive new parts
 * partition by partition in the executors.
 */
final class TablePart {
    private final JavaRDD<Shard> blocks;
    private final long[][] classCounts;

    /** The part of {@code blocks}, whose partition p holds {@code classCounts[p][c]} samples of class c. */
    TablePart(JavaRDD<Shard> blocks, long[][] classCounts) {
        this.blocks = blocks;
        this.classCounts = classCounts;
    }

    /**
     * The part of blocks numbered from 0 within each partition, whose partition p holds
     * {@code counts[p][c]} samples of class c: numbered across the partitions.
     */
    static TablePart number(JavaRDD<Shard> local, long[][] counts) {
        int[] first = firstIndices(counts);
        JavaRDD<Shard> numbered = local.mapPartitionsWithIndex((p, it) -> new Iterator<Shard>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Shard next() {
                return it.next().shifted(first[p]);
            }
        }, true);
        return new TablePart(numbered, counts);
    }

    /** Per partition and class, the number of samples (one Spark job). */
    static long[][] countClasses(JavaRDD<Shard> blocks, int numClasses) {
        List<long[]> perPartition = blocks.mapPartitions(it -> {
            long[] c = new long[numClasses];
            while (it.hasNext()) {
                it.next().countClasses(c);
            }
            return List.of(c).iterator();
        }, true).collect();
        return perPartition.toArray(new long[0][]);
    }

    /** The first global index of each partition, from the per-partition class counts; throws past 2^31 - 1 samples. */
    static int[] firstIndices(long[][] counts) {
        int[] first = new int[counts.length];
        long total = 0;
        for (int p = 0; p < counts.length; p++) {
            first[p] = (int) total;
            for (long c : counts[p]) {
                total += c;
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the table has more than " + Integer.MAX_VALUE
                        + " rows; training takes at most that many samples");
            }
        }
        return first;
    }

    /** The blocks. */
    JavaRDD<Shard> blocks() {
        return blocks;
    }

    /** The number of samples. */
    int size() {
        long n = 0;
        for (long[] row : classCounts) {
            for (long c : row) {
                n += c;
            }
        }
        return (int) n;
    }

    /** The number of samples of each class. */
    int[] classTotals() {
        int k = classCounts.length == 0 ? 0 : classCounts[0].length;
        int[] t = new int[k];
        for (long[] row : classCounts) {
            for (int c = 0; c < k; c++) {
                t[c] += (int) row[c];
            }
        }
        return t;
    }

    /**
     * The part split by {@link Split#stratifiedSplit}'s rule (the same samples go to each side as in
     * one process): {@code [kept, held]}. The held-out ranks of each class are drawn in the driver
     * (a permutation of the class's ranks, then kept as bits), broadcast as {@code bits}, and each
     * partition, knowing from the counts where its ranks start, keeps or holds out its rows.
     */
    TablePart[] split(JavaSparkContext sc, double fraction, long seed, List<Broadcast<?>> owned) {
        int[] totals = classTotals();
        BitSet[] held = Split.testRanks(totals, fraction, seed);
        int parts = classCounts.length;
        int k = totals.length;
        long[][] rankStart = new long[parts][k];
        long[][] heldCounts = new long[parts][k];
        long[][] keptCounts = new long[parts][k];
        long[] next = new long[k];
        for (int p = 0; p < parts; p++) {
            for (int c = 0; c < k; c++) {
                rankStart[p][c] = next[c];
                heldCounts[p][c] = held[c].get((int) next[c], (int) (next[c] + classCounts[p][c])).cardinality();
                keptCounts[p][c] = classCounts[p][c] - heldCounts[p][c];
                next[c] += classCounts[p][c];
            }
        }
        Broadcast<BitSet[]> bits = sc.broadcast(held);
        owned.add(bits);
        int[] keptFirst = firstIndices(keptCounts);
        int[] heldFirst = firstIndices(heldCounts);
        JavaRDD<Shard> kept = blocks.mapPartitionsWithIndex((p, it) ->
                new Selected(it, rankStart[p], bits.value(), false, keptFirst[p]), true);
        JavaRDD<Shard> out = blocks.mapPartitionsWithIndex((p, it) ->
                new Selected(it, rankStart[p], bits.value(), true, heldFirst[p]), true);
        return new TablePart[]{new TablePart(kept, keptCounts), new TablePart(out, heldCounts)};
    }

    /** The first {@code n} samples (one Spark job counts their classes). */
    TablePart limit(int n) {
        if (n >= size()) {
            return this;
        }
        JavaRDD<Shard> first = blocks.mapPartitions(it -> {
            List<Shard> out = new ArrayList<>();
            while (it.hasNext()) {
                Shard s = it.next().prefixBefore(n);
                if (s != null) {
                    out.add(s);
                }
            }
            return out.iterator();
        }, true);
        return new TablePart(first, countClasses(first, classTotals().length));
    }

    /** The part with features scaled by {@code scaler} (null: unchanged), as one process scales a data set. */
    TablePart scaled(FeatureScaler scaler, int numClasses) {
        if (scaler == null) {
            return this;
        }
        return new TablePart(blocks.map(s -> s.scaled(scaler, numClasses)), classCounts);
    }

    /** The statistics of the features, exact and independent of the partitioning (one Spark job). */
    FeatureStats stats(FeatureStats zero) {
        return blocks.treeAggregate(zero, (acc, s) -> s.addTo(acc), FeatureStats::merge, 2);
    }

    /** The part kept by the executors at {@code level}, computed now (one Spark job). */
    TablePart persist(StorageLevel level) {
        blocks.persist(level);
        blocks.count();
        return this;
    }

    /** Drops the kept blocks. */
    void unpersist() {
        blocks.unpersist(false);
    }

    /**
     * The samples of one partition that a split keeps (or holds out), re-blocked and numbered from
     * {@code first}: the r-th sample of class c in the table is held out when {@code bits[c]} has r.
     */
    private static final class Selected implements Iterator<Shard> {
        private final Iterator<Shard> in;
        private final long[] nextRank;
        private final BitSet[] bits;
        private final boolean held;
        private int nextIndex;
        private Shard current;
        private int row;
        private Shard pending;

        Selected(Iterator<Shard> in, long[] rankStart, BitSet[] bits, boolean held, int first) {
            this.in = in;
            this.nextRank = rankStart.clone();
            this.bits = bits;
            this.held = held;
            this.nextIndex = first;
        }

        @Override
        public boolean hasNext() {
            if (pending == null) {
                pending = fill();
            }
            return pending != null;
        }

        @Override
        public Shard next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Shard s = pending;
            pending = null;
            return s;
        }

        /** The next block of up to {@link TableReader#BLOCK_ROWS} selected samples, or null at the end. */
        private Shard fill() {
            Shard.Builder out = null;
            while (out == null || out.size() < TableReader.BLOCK_ROWS) {
                if (current == null || row == current.size()) {
                    if (!in.hasNext()) {
                        break;
                    }
                    current = in.next();
                    row = 0;
                    continue;
                }
                int c = current.label(row);
                boolean isHeld = bits[c].get((int) nextRank[c]++);
                if (isHeld == held) {
                    if (out == null) {
                        out = new Shard.Builder(nextIndex, current.numFeatures(), TableReader.BLOCK_ROWS);
                    }
                    out.add(current, row);
                }
                row++;
            }
            if (out == null) {
                return null;
            }
            nextIndex += out.size();
            return out.build();
        }
    }
}
