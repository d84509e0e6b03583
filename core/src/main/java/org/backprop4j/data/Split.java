package org.backprop4j.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.backprop4j.ndarray.Rng;

/**
 * A data set split in two, a training part and a test (or validation) part.
 *
 * @param train the samples to train on
 * @param test  the samples held out
 */
public record Split(Dataset train, Dataset test) {

    /**
     * Splits {@code data} at random so that each class keeps its proportion: of the n_k samples of
     * class k, floor or ceil of {@code testFraction * n_k} go to the test part, and the test part
     * has {@code round(testFraction * N)} samples in all (the classes with the largest remainders
     * get the extra ones). Which samples go where depends only on the data and the seed; both parts
     * keep the original order of the samples.
     */
    public static Split stratifiedSplit(Dataset data, double testFraction, long seed) {
        Objects.requireNonNull(data, "data");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        int n = data.size();
        BitSet[] test = testRanks(data.classCounts(), testFraction, seed);
        int[] labels = data.labelData();
        int[] seen = new int[test.length];
        int testTotal = 0;
        for (BitSet t : test) {
            testTotal += t.cardinality();
        }
        int[] train = new int[n - testTotal];
        int[] held = new int[testTotal];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            if (test[c].get(seen[c]++)) {
                held[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(data.subset(train), data.subset(held));
    }

    /**
     * The rule of {@link #stratifiedSplit} on the class counts alone, for data held elsewhere: for
     * each class c, the set of ranks r (the r-th sample of class c in the data's order, from 0) that
     * go to the test part. The ranks of each class are shuffled with one generator, class after
     * class, and the first {@code testCount[c]} of them are held out.
     */
    public static BitSet[] testRanks(int[] classCounts, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        long n = 0;
        for (int count : classCounts) {
            n += count;
        }
        int[] testCounts = testCounts(classCounts, testFraction, (int) Math.round(testFraction * n));
        int testTotal = Arrays.stream(testCounts).sum();
        if (testTotal == 0 || testTotal == n) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + n
                    + " samples leaves the " + (testTotal == 0 ? "test" : "training") + " part empty");
        }
        Rng rng = new Rng(seed);
        BitSet[] test = new BitSet[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            int[] ranks = new int[classCounts[c]];
            for (int r = 0; r < ranks.length; r++) {
                ranks[r] = r;
            }
            rng.shuffle(ranks);
            test[c] = new BitSet(ranks.length);
            for (int r = 0; r < testCounts[c]; r++) {
                test[c].set(ranks[r]);
            }
        }
        return test;
    }

    /** Largest-remainder apportionment of {@code total} test samples over the classes. */
    private static int[] testCounts(int[] counts, double fraction, int total) {
        int k = counts.length;
        int[] t = new int[k];
        double[] remainder = new double[k];
        int assigned = 0;
        for (int c = 0; c < k; c++) {
            double exact = fraction * counts[c];
            t[c] = (int) Math.floor(exact);
            remainder[c] = exact - t[c];
            assigned += t[c];
        }
        Integer[] byRemainder = new Integer[k];
        for (int c = 0; c < k; c++) {
            byRemainder[c] = c;
        }
        // Largest remainder first; ties by class index, so the result is deterministic.
        Arrays.sort(byRemainder, (x, y) -> remainder[x] != remainder[y]
                ? Double.compare(remainder[y], remainder[x]) : Integer.compare(x, y));
        for (int r = 0; r < k && assigned < total; r++) {
            int c = byRemainder[r];
            if (remainder[c] > 0) {
                t[c]++;
                assigned++;
            }
        }
        return t;
    }
}
