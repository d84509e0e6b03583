package org.backprop4j.ndarray;

/**
 * A seeded, reproducible random generator (xoshiro256**, seeded by SplitMix64) whose complete
 * state can be saved and restored, so that a resumed training run continues bit-identically.
 * Not thread-safe.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator seeded from {@code seed}; equal seeds give equal sequences. */
    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    /**
     * A stateless 64-bit hash of {@code (a, b, c)}: SplitMix64's finaliser applied after adding each
     * value, so that, for example, a random choice per (seed, epoch, sample) needs no generator state.
     */
    public static long hash(long a, long b, long c) {
        long h = mix(a + 0x9E3779B97F4A7C15L);
        h = mix(h + b + 0x9E3779B97F4A7C15L);
        return mix(h + c + 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        while (true) {
            long r = nextLong() >>> 33; // 31 bits
            long v = r % bound;
            if (r - v + (bound - 1) < (1L << 31)) {
                return (int) v;
            }
        }
    }

    /** A standard normal value (Marsaglia polar method; the second value is kept for the next call). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Shuffles an array in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The complete state as six longs, for checkpoints; see {@link #setState(long[])}. */
    public long[] state() {
        return new long[]{s0, s1, s2, s3, Double.doubleToRawLongBits(spareGaussian), hasSpare ? 1 : 0};
    }

    /** Restores a state returned by {@link #state()}. */
    public void setState(long[] state) {
        if (state.length != 6) {
            throw new IllegalArgumentException("Rng state must have 6 longs, got " + state.length);
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        spareGaussian = Double.longBitsToDouble(state[4]);
        hasSpare = state[5] != 0;
    }
}
