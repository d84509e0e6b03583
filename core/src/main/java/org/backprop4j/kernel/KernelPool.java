package org.backprop4j.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one shared pool of kernel worker threads. The parts of a job are claimed one at a time by the
 * caller and the woken workers, so a part whose worker has not been scheduled yet is run by the
 * caller instead of being waited for (a part always covers the same region, whoever runs it, so
 * results do not change). Idle workers spin for a bounded time (so that the GEMMs of one training
 * step hand off in well under a microsecond) and then park, so that they give the cores back when
 * another process wants them. One job runs at a time; a job submitted while another runs
 * (or from inside a job) runs all of its parts on the calling thread, which gives the same results.
 */
final class KernelPool {

    /** One parallel job: {@code run(part, parts)} is called once for every part. */
    interface Task {
        /** Runs one part of the job. */
        void run(int part, int parts);
    }

    private final Worker[] workers;
    private final long spinNanos;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger nextPart = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Task task;
    private volatile int parts;
    private volatile long generation;
    private volatile Thread waiter;
    private volatile Throwable failure;
    private volatile boolean stopped;

    /** A pool for {@code threads} threads in all (the caller and {@code threads - 1} workers). */
    KernelPool(int threads, long spinNanos) {
        this.spinNanos = spinNanos;
        this.workers = new Worker[Math.max(0, threads - 1)];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w);
            workers[w].thread.start();
        }
    }

    /** Number of threads a job can use, the caller included. */
    int threads() {
        return workers.length + 1;
    }

    /** Runs parts {@code 0..parts-1} of a job (at most {@link #threads()}) and returns when all are done. */
    void run(Task t, int nParts) {
        if (nParts <= 1 || nParts > threads() || !busy.compareAndSet(false, true)) {
            for (int p = 0; p < nParts; p++) {
                t.run(p, nParts);
            }
            return;
        }
        try {
            waiter = Thread.currentThread();
            failure = null;
            task = t;
            parts = nParts;
            done.set(0);
            nextPart.set(0);
            generation = generation + 1; // publishes the job
            for (int w = 0; w < nParts - 1; w++) {
                if (workers[w].parked) {
                    LockSupport.unpark(workers[w].thread);
                }
            }
            runParts();
            long start = System.nanoTime();
            while (done.get() != nParts && System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
            }
            while (done.get() != nParts) {
                LockSupport.park(this);
            }
            task = null;
            Throwable f = failure;
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            } else if (f instanceof Error) {
                throw (Error) f;
            } else if (f != null) {
                throw new IllegalStateException(f);
            }
        } finally {
            busy.set(false);
        }
    }

    /** Claims and runs parts of the current job until none is left. */
    private void runParts() {
        int p;
        while ((p = nextPart.getAndIncrement()) < parts) {
            try {
                task.run(p, parts);
            } catch (Throwable e) {
                failure = e;
            }
            if (done.incrementAndGet() == parts) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /** Stops the workers (they finish the current job first); used when the thread count changes. */
    void shutdown() {
        stopped = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, "backprop4j-kernel-" + (index + 1));
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0; // the generation when the pool was built: a job may be published before this thread runs
            while (!stopped) {
                long g = generation;
                if (g != seen) {
                    seen = g;
                    runParts();
                    continue;
                }
                long start = System.nanoTime();
                while (generation == seen && !stopped && System.nanoTime() - start < spinNanos) {
                    Thread.onSpinWait();
                }
                if (generation == seen && !stopped) {
                    parked = true;
                    if (generation == seen && !stopped) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
