package org.backprop4j.spark;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * A fingerprint of a table's content that the partitions compute on their own and the driver
 * combines, with the same result for any partitioning: two polynomial hashes modulo the Mersenne
 * prime 2^61 - 1, {@code F = sum over rows i of r^i h(row i)} (r fixed, h mixing the feature bits and
 * the label), where a partition whose rows start at index o contributes {@code r^o} times its own sum.
 */
final class TableFingerprint {
    private static final long P = (1L << 61) - 1;
    private static final long[] R = {0x1F3D5B79A2C4E687L % P, 0x6C8E9CF570932BD5L % P};

    private TableFingerprint() {
    }

    /** A partition's sums {@code sum of r^i h(row i)}, i from 0 within the partition, one per hash. */
    static long[] partial(Iterator<Shard> blocks) {
        long[] sum = new long[R.length];
        long[] power = {1, 1};
        while (blocks.hasNext()) {
            Shard s = blocks.next();
            for (int row = 0; row < s.size(); row++) {
                long h = s.rowHash(row);
                for (int l = 0; l < R.length; l++) {
                    sum[l] = add(sum[l], mul(power[l], h));
                    power[l] = mul(power[l], R[l]);
                }
            }
        }
        return sum;
    }

    /** The fingerprint of partitions whose sums are {@code partials} and whose first rows are {@code first}. */
    static String combine(List<long[]> partials, int[] first, int rows, int numFeatures, List<String> classes) {
        long[] total = new long[R.length];
        for (int p = 0; p < partials.size(); p++) {
            for (int l = 0; l < R.length; l++) {
                total[l] = add(total[l], mul(pow(R[l], first[p]), partials.get(p)[l]));
            }
        }
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(8 + 8 * R.length).putInt(rows).putInt(numFeatures).putLong(total[0])
                .putLong(total[1]).array());
        for (String c : classes) {
            sha.update(c.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return "table-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** A hash of one row's feature bits and label, in [0, P). */
    static long mix(long h, long v) {
        long z = h ^ (v + 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code h} reduced to [0, P). */
    static long reduce(long h) {
        long r = (h & P) + (h >>> 61);
        return r >= P ? r - P : r;
    }

    private static long add(long a, long b) {
        long s = a + b;
        return s >= P ? s - P : s;
    }

    /** {@code a * b mod P} for a, b in [0, P). */
    private static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        long r = (lo & P) + ((lo >>> 61) | (hi << 3));
        return reduce(r);
    }

    private static long pow(long base, long e) {
        long result = 1;
        long b = base;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = mul(result, b);
            }
            b = mul(b, b);
            e >>= 1;
        }
        return result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
