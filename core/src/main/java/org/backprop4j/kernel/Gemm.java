package org.backprop4j.kernel;

import org.backprop4j.internal.Settings;

/**
 * Row-major general matrix multiply {@code C = op(A) · op(B)} (or {@code C += ...}), where
 * {@code op(X)} is X or its transpose, read in place without making a transposed copy.
 *
 * <p>Shapes: {@code op(A)} is m x k, {@code op(B)} is k x n, C is m x n. A transposed A is
 * stored as k x m, a transposed B as n x k. Runs on the kernel set chosen by {@link Kernels}.
 * Every element of C is summed over k in the same fixed order (ascending within K blocks of at
 * most 1024, blocks added in order), whatever the thread count: above {@link #PARALLEL_FLOPS} the
 * work is split across the shared pool by column ranges of C (multiples of the vector width), or by 8-row strips when C is
 * too narrow, never along k. The tests check it against a scalar reference (GemmReference in the test sources).
 */
public final class Gemm {
    /**
     * Below this many floating-point operations ({@code 2mnk}) a GEMM stays on the calling thread
     * (measured: the 655k-flop GEMMs of a 256-10 layer at batch 128 run faster on one thread than split).
     */
    public static final long PARALLEL_FLOPS = Settings.parallelFlops();

    private static final int ROW_UNIT = 8;
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private Gemm() {
    }

    /** Single precision; {@code accumulate} adds into C instead of overwriting it. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff,
                            float[] c, int cOff, boolean accumulate) {
        gemm(Kernels.active(), transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** Double precision; {@code accumulate} adds into C instead of overwriting it. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, double[] b, int bOff,
                            double[] c, int cOff, boolean accumulate) {
        gemm(Kernels.active(), transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    static void gemm(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b,
                     int bOff, float[] c, int cOff, boolean acc) {
        check(m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
        Job job = JOBS.get();
        job.set(ks, ta, tb, m, n, k, aOff, bOff, cOff, acc);
        job.af = a;
        job.bf = b;
        job.cf = c;
        try {
            job.start();
        } finally {
            job.af = null;
            job.bf = null;
            job.cf = null;
        }
    }

    static void gemm(KernelSet ks, boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b,
                     int bOff, double[] c, int cOff, boolean acc) {
        check(m, n, k, a.length, aOff, b.length, bOff, c.length, cOff);
        Job job = JOBS.get();
        job.set(ks, ta, tb, m, n, k, aOff, bOff, cOff, acc);
        job.ad = a;
        job.bd = b;
        job.cd = c;
        try {
            job.start();
        } finally {
            job.ad = null;
            job.bd = null;
            job.cd = null;
        }
    }

    private static void check(int m, int n, int k, int aLen, int aOff, int bLen, int bOff, int cLen, int cOff) {
        if (m < 0 || n < 0 || k < 0 || aOff < 0 || bOff < 0 || cOff < 0
                || (long) aOff + (long) m * k > aLen || (long) bOff + (long) k * n > bLen
                || (long) cOff + (long) m * n > cLen) {
            throw new IllegalArgumentException("gemm: m=" + m + " n=" + n + " k=" + k + " does not fit arrays of "
                    + aLen + ", " + bLen + ", " + cLen + " values at offsets " + aOff + ", " + bOff + ", " + cOff);
        }
    }

    /** One GEMM call's arguments and its split; reused per calling thread so that calls allocate nothing. */
    private static final class Job implements KernelPool.Task {
        KernelSet ks;
        boolean ta;
        boolean tb;
        boolean acc;
        int m;
        int n;
        int k;
        int aOff;
        int bOff;
        int cOff;
        float[] af;
        float[] bf;
        float[] cf;
        double[] ad;
        double[] bd;
        double[] cd;
        boolean byColumns;
        int unit;

        void set(KernelSet s, boolean transA, boolean transB, int rows, int cols, int inner, int ao, int bo, int co,
                 boolean accumulate) {
            ks = s;
            ta = transA;
            tb = transB;
            m = rows;
            n = cols;
            k = inner;
            aOff = ao;
            bOff = bo;
            cOff = co;
            acc = accumulate;
        }

        void start() {
            KernelPool pool = Kernels.pool();
            int threads = pool.threads();
            int parts = 1;
            if (threads > 1 && 2L * m * n * k >= PARALLEL_FLOPS) {
                int cols = ks.columnUnit();
                if (n >= 2 * cols) {
                    byColumns = true;
                    unit = cols;
                    parts = Math.min(threads, (n + cols - 1) / cols);
                } else if (m >= 2 * ROW_UNIT) {
                    byColumns = false;
                    unit = ROW_UNIT;
                    parts = Math.min(threads, (m + ROW_UNIT - 1) / ROW_UNIT);
                }
            }
            if (parts <= 1) {
                block(0, m, 0, n);
            } else {
                pool.run(this, parts);
            }
        }

        @Override
        public void run(int part, int parts) {
            int len = byColumns ? n : m;
            int units = (len + unit - 1) / unit;
            int from = Math.min(len, units * part / parts * unit);
            int to = Math.min(len, units * (part + 1) / parts * unit);
            if (byColumns) {
                block(0, m, from, to);
            } else {
                block(from, to, 0, n);
            }
        }

        private void block(int i0, int i1, int j0, int j1) {
            if (j1 <= j0 || i1 <= i0) {
                return;
            }
            if (k == 0) { // an empty sum: C keeps its values, or becomes 0
                if (!acc) {
                    if (af != null) {
                        GemmBlocking.zero(cf, cOff, n, i0, i1, j0, j1);
                    } else {
                        GemmBlocking.zero(cd, cOff, n, i0, i1, j0, j1);
                    }
                }
                return;
            }
            if (af != null) {
                ks.gemmBlock(ta, tb, m, n, k, af, aOff, bf, bOff, cf, cOff, acc, i0, i1, j0, j1);
            } else {
                ks.gemmBlock(ta, tb, m, n, k, ad, aOff, bd, bOff, cd, cOff, acc, i0, i1, j0, j1);
            }
        }
    }
}
