package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
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
import org.junit.jupiter.api.Test;

/**
 * In the steady state a training step of the benchmark MLP inside a {@link Workspace}
 * allocates no arrays: only a few KB of graph bookkeeping, against MBs of activations and gradients.
 * A CNN step, counted over all kernel threads: {@link CnnStepGarbageTest}.
 */
class StepAllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aStepAllocatesOnlyGraphBookkeeping() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemoryEnabled()).isTrue();
        int before = Kernels.threads();
        Kernels.setThreads(1); // every allocation is then on this thread
        try {
            // Adam (the default; its float32 kernel is FloatVector code that must compile to no allocation) and plain SGD
            for (Function<List<Tensor>, Optimizer> maker : List.<Function<List<Tensor>, Optimizer>>of(
                    ps -> Adam.builder(ps).build(), ps -> SGD.builder(ps).lr(0.1).build())) {
                assertThat(bytesPerStep(maker)).as("bytes allocated per step").isLessThan(32 * 1024); // one activation array is 128 KB
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    /** The fewest bytes allocated per step over windows of 20 steps of the benchmark MLP with this optimiser. */
    private static long bytesPerStep(Function<List<Tensor>, Optimizer> maker) {
        Sequential model = Mlp.of(784, new int[]{256}, 10, "relu", 0, new Rng(1), DType.FLOAT32);
        return bytesPerStep(model, maker, Tensor.rand(new Rng(2), 128, 784));
    }

    /** The fewest bytes allocated per step over windows of 20 steps of a model on inputs x (labels i mod 10). */
    private static long bytesPerStep(Sequential model, Function<List<Tensor>, Optimizer> maker, Tensor x) {
        Optimizer opt = maker.apply(model.parameters());
        CrossEntropyLoss ce = new CrossEntropyLoss();
        int[] y = new int[x.dim(0)];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        Workspace workspace = new Workspace();
        return AllocationWindows.leastPerStep(StepAllocationTest::allocated, () -> {
            opt.zeroGrad();
            try (Workspace ws = workspace.begin()) {
                Tensor loss = ce.apply(model.forward(x), y);
                loss.backward();
            }
            opt.step();
        }, 20, 5, 8, 16 * 1024);
    }
}
