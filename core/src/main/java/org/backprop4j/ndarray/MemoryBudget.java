package org.backprop4j.ndarray;

import java.util.Locale;

/**
 * Checks an allocation whose size an input decides (a file header, model metadata, an option)
 * against the heap before it happens, so that a small hostile input gives one clear line instead of
 * an {@link OutOfMemoryError}: "x.csv.gz: needs 6.4 GB, the JVM has 6.0 GB; raise -Xmx".
 */
public final class MemoryBudget {
    /** One part in this many of the maximum heap is kept in reserve. */
    private static final int RESERVE = 4;

    private MemoryBudget() {
    }

    /**
     * Throws an {@link IllegalArgumentException} naming {@code what} and both sizes when {@code bytes}
     * exceed what the heap can spare: its maximum minus what is in use (after a collection) minus a
     * quarter kept in reserve, since one large array must fit in one part of a generational heap.
     * Negative sizes (an overflow upstream) count as too large.
     */
    public static void require(String what, long bytes) {
        if (bytes >= 0 && bytes <= spare(false)) {
            return;
        }
        long spare = spare(true); // the used figure counts garbage until a collection
        if (bytes < 0 || bytes > spare) {
            throw new IllegalArgumentException(what + " needs " + (bytes < 0 ? "more than 8 EB" : size(bytes))
                    + ", the JVM can spare " + size(spare) + " (its maximum heap is " + size(Runtime.getRuntime().maxMemory())
                    + "); raise -Xmx");
        }
    }

    /** The bytes of {@code count} elements of {@code bytesEach}, saturating at {@link Long#MAX_VALUE}. */
    public static long bytes(long count, long bytesEach) {
        return count > Long.MAX_VALUE / Math.max(1, bytesEach) ? Long.MAX_VALUE : count * bytesEach;
    }

    /** A size for people: "512 B", "3.4 MB", "6.4 GB" (powers of 1000, one decimal). */
    public static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static long spare(boolean collect) {
        Runtime rt = Runtime.getRuntime();
        if (collect) {
            System.gc();
        }
        return Math.max(0, rt.maxMemory() - rt.maxMemory() / RESERVE - (rt.totalMemory() - rt.freeMemory()));
    }
}
