package org.backprop4j.data;

import java.util.Arrays;
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
        int k = data.numClasses();
        int[] counts = data.classCounts();
        int[] testCounts = testCounts(counts, testFraction, (int) Math.round(testFraction * n));
        int testTotal = Arrays.stream(testCounts).sum();
        if (testTotal == 0 || testTotal == n) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + n
                    + " samples leaves the " + (testTotal == 0 ? "test" : "training") + " part empty");
        }

        // The samples of each class, in order, then shuffled with one generator class after class.
        int[][] byClass = new int[k][];
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[k];
        int[] labels = data.labelData();
        for (int i = 0; i < n; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        Rng rng = new Rng(seed);
        boolean[] isTest = new boolean[n];
        for (int c = 0; c < k; c++) {
            rng.shuffle(byClass[c]);
            for (int r = 0; r < testCounts[c]; r++) {
                isTest[byClass[c][r]] = true;
            }
        }
        int[] train = new int[n - testTotal];
        int[] test = new int[testTotal];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(data.subset(train), data.subset(test));
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
