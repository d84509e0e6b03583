package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.backprop4j.optim.OptimTestSupport.quadraticBackward;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.AllocationWindows;
import org.junit.jupiter.api.Test;

/** In the steady state a step, a clip and a schedule step allocate nothing (per-thread allocation counter). */
class NoAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long bytesPerThousandSteps(DType dtype, Function<List<Tensor>, Optimizer> maker) {
        Rng rng = new Rng(3);
        List<Tensor> ps = List.of(Tensor.randn(rng, dtype, 16, 8).requiresGrad(),
                Tensor.randn(rng, dtype, 8).requiresGrad());
        Optimizer opt = maker.apply(ps);
        Scheduler sched = new Scheduler(opt, new CosineAnnealingLR(1e-3, 100_000, 0));
        quadraticBackward(ps); // the gradients stay fixed: only the optimiser is measured
        for (int i = 0; i < 20_000; i++) {
            GradClip.clipGradNorm(ps, 1e9);
            opt.step();
            sched.step();
        }
        // per 1000 steps, the least over windows of 1000 (AllocationWindows: at least 8, or more while 30 s have not passed: a loaded machine compiles late)
        return 1000 * AllocationWindows.leastPerStep(NoAllocationTest::allocatedBytes, () -> {
            GradClip.clipGradNorm(ps, 0.999e9);
            opt.step();
            sched.step();
        }, 1000, 8, 30, 1);
    }

    @Test
    void stepsAllocateNothingInTheSteadyState() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported()
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemoryEnabled()).isTrue();
        for (DType dtype : DType.values()) {
            // a single allocation per step would be at least 16 bytes, 16 000 over the loop
            assertThat(bytesPerThousandSteps(dtype, ps -> SGD.builder(ps).lr(1e-3).momentum(0.9).nesterov(true)
                    .weightDecay(1e-4).build())).as("SGD %s", dtype).isLessThan(1000);
            assertThat(bytesPerThousandSteps(dtype, ps -> Adam.builder(ps).amsgrad(true).weightDecay(1e-4).build()))
                    .as("Adam %s", dtype).isLessThan(1000);
            assertThat(bytesPerThousandSteps(dtype, ps -> AdamW.builder(ps).build())).as("AdamW %s", dtype)
                    .isLessThan(1000);
        }
    }
}
