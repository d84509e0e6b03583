package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.BatchNorm2d;
import org.backprop4j.nn.Conv2d;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaxPool2d;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A warm CNN training step inside a {@link Workspace} makes (almost) no garbage, counted on the calling thread
 * AND on the kernel pool's workers: no capturing lambda per kernel call, no per-step arrays. Workload C and the
 * preset CNN of the command line (batch norm, dropout), on 1 and 2 threads, with both kernel sets.
 */
class CnnStepGarbageTest {

    /**
     * Bytes a warm step may allocate over all kernel threads: the graph bookkeeping that is left (tensor, op and
     * array objects, about 7 KB for workload C and 9.3 KB for the preset, session 5). Lower it as that goes.
     */
    static final long BUDGET = 10 * 1024;

    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0} on {1} thread(s), {2} kernels")
    @CsvSource({"C, 1, vector", "C, 2, vector", "C, 1, plain", "C, 2, plain",
            "preset, 1, vector", "preset, 2, vector", "preset, 1, plain", "preset, 2, plain"})
    void aWarmCnnStepMakesNoGarbage(String model, int threads, String kernels) {
        assumeThat(BEAN.isThreadAllocatedMemoryEnabled()).isTrue();
        assumeThat(kernels.equals("plain") || Kernels.vectorAvailable()).isTrue();
        int beforeThreads = Kernels.threads();
        String beforeKernels = Kernels.implementation();
        Kernels.setThreads(threads);
        Kernels.use(kernels);
        try {
            long bytes = bytesPerStep(model.equals("C") ? CnnStepGarbageTest::workloadC : CnnStepGarbageTest::preset);
            System.out.println("CNN step garbage: " + model + ", " + threads + " thread(s), " + kernels + ": "
                    + bytes + " B/step");
            assertThat(bytes).as("bytes allocated per warm step, all kernel threads").isLessThan(BUDGET);
        } finally {
            Kernels.use(beforeKernels);
            Kernels.setThreads(beforeThreads);
        }
    }

    /** Workload C: conv(1→32) relu maxpool conv(32→64) relu maxpool flatten linear(128) relu linear(10). */
    static Sequential workloadC() {
        Rng rng = new Rng(1);
        return new Sequential(Conv2d.builder(1, 32, 3).padding(1).rng(rng).build(), new ReLU(), new MaxPool2d(2),
                Conv2d.builder(32, 64, 3).padding(1).rng(rng).build(), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(64 * 7 * 7, 128, rng), new ReLU(), new Linear(128, 10, rng));
    }

    /** The command line's preset CNN (cli.Arch): workload C with batch norm after each conv and dropout(0.3). */
    static Sequential preset() {
        Rng rng = new Rng(1);
        return new Sequential(Conv2d.builder(1, 32, 3).padding(1).rng(rng).build(), new BatchNorm2d(32), new ReLU(),
                new MaxPool2d(2), Conv2d.builder(32, 64, 3).padding(1).rng(rng).build(), new BatchNorm2d(64),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64 * 7 * 7, 128, rng), new ReLU(),
                new Dropout(0.3, new Rng(3)), new Linear(128, 10, rng));
    }

    /** The kernel threads: this one and the pool's workers. */
    private static long[] kernelThreadIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("backprop4j-kernel-") && t.isAlive()) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, BEAN.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    /**
     * The fewest bytes per step over windows of 10 steps, all kernel threads counted ({@link AllocationWindows}:
     * at least 5 windows, or within 30 s until one is under budget).
     */
    static long bytesPerStep(Supplier<Sequential> maker) {
        Sequential model = maker.get();
        Optimizer opt = Adam.builder(model.parameters()).build();
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor x = Tensor.rand(new Rng(2), 16, 1, 28, 28);
        int[] y = new int[16];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        Workspace workspace = new Workspace();
        long[] ids = kernelThreadIds();
        return AllocationWindows.leastPerStep(() -> allocated(ids), () -> {
            opt.zeroGrad();
            try (Workspace ws = workspace.begin()) {
                Tensor loss = ce.apply(model.forward(x), y);
                loss.backward();
            }
            opt.step();
        }, 10, 5, 30, BUDGET);
    }
}
