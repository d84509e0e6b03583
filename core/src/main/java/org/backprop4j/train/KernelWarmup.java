package org.backprop4j.train;

import java.util.List;
import java.util.function.Function;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;

/**
 * Gets the JIT to compile the kernels of a training step while the caller does something else (such
 * as reading the data): a daemon thread trains a small MLP on random numbers, with Adam and with
 * SGD, until {@link #close()} or a time limit. Vector API code runs very slowly, and allocates, until
 * C2 has compiled it; without this, that happens during the first epoch. The warm-up shares nothing
 * with the caller's models; a kernel call that finds the pool busy runs on its own thread. Without the
 * Vector API kernels there is nothing worth warming up, and no thread is started.
 */
public final class KernelWarmup implements AutoCloseable {
    /** The longest a warm-up runs, in nanoseconds. */
    private static final long LIMIT_NANOS = 10_000_000_000L;

    private final Thread thread;
    private volatile boolean stop;

    private KernelWarmup(boolean run) {
        thread = run ? new Thread(this::run, "backprop4j-kernel-warmup") : null;
    }

    /** Starts a warm-up thread when the Vector API kernels are available. */
    public static KernelWarmup start() {
        KernelWarmup w = new KernelWarmup(Kernels.vectorAvailable());
        if (w.thread != null) {
            w.thread.setDaemon(true);
            w.thread.start();
        }
        return w;
    }

    private void run() {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        List<Function<List<Tensor>, Optimizer>> optimizers = List.of(
                ps -> Adam.builder(ps).build(), ps -> SGD.builder(ps).lr(0.01).build());
        Rng rng = new Rng(0);
        Tensor x = Tensor.rand(rng, 32, 784);
        int[] y = new int[32];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Workspace workspace = new Workspace();
        while (!stop && System.nanoTime() < deadline) {
            for (Function<List<Tensor>, Optimizer> maker : optimizers) {
                Sequential model = Mlp.of(784, new int[]{64}, 10, "relu", 0, rng, DType.FLOAT32);
                Optimizer opt = maker.apply(model.parameters());
                for (int step = 0; step < 50 && !stop; step++) {
                    opt.zeroGrad();
                    try (Workspace ws = workspace.begin()) {
                        Tensor l = loss.apply(model.forward(x), y);
                        l.item();
                        l.backward();
                        model.forward(x).argmax(1);
                    }
                    opt.step();
                }
            }
        }
    }

    /** Stops the warm-up and waits for its thread to finish the step it is in. */
    @Override
    public void close() {
        stop = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
