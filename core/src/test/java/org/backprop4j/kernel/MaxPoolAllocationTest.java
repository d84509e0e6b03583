package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.backprop4j.train.AllocationWindows;
import org.junit.jupiter.api.Test;

/**
 * The vector 2x2 max-pooling forward allocates nothing once compiled, with ReLU fused and not in turn (both
 * hot, as in a suite or a program with both kinds of layer) and for rows of either width ({@code maxPool2x2}'s
 * paired narrow rows and its wide rows): Vector API code boxes its vectors where C2 cannot keep them in
 * registers, such as a vector chosen under a condition that stays in the loop.
 */
class MaxPoolAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void theVectorForwardAllocatesNothingWithAndWithoutReluAtEitherWidth() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported()
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemoryEnabled()).isTrue();
        KernelSet vector = Kernels.vector();
        assumeThat(vector).isNotNull();
        SplittableRandom rnd = new SplittableRandom(7);
        int planes = 32;
        Window2d narrow = new Window2d(12, 12, 2, 2, 2, 2, 0, 0, 1, 1); // 6 windows a row
        Window2d wide = new Window2d(28, 28, 2, 2, 2, 2, 0, 0, 1, 1); // 14
        float[] xn = KernelSetsTest.randomF(rnd, planes * narrow.inPlane());
        float[] xw = KernelSetsTest.randomF(rnd, planes * wide.inPlane());
        float[] yn = new float[planes * narrow.outPlane()];
        float[] wn = new float[yn.length];
        float[] yw = new float[planes * wide.outPlane()];
        float[] ww = new float[yw.length];
        Runnable step = () -> {
            for (boolean relu : new boolean[]{true, false}) {
                vector.maxPool2x2(xn, narrow, relu, 0, planes, yn, wn);
                vector.maxPool2x2(xw, wide, relu, 0, planes, yw, ww);
            }
        };
        for (int i = 0; i < 5_000; i++) {
            step.run();
        }
        // one boxed vector per row would be over 10 KB a step; windows of 100 steps, at least 8 or else for 20 s
        long least = AllocationWindows.leastPerStep(MaxPoolAllocationTest::allocatedBytes, step, 100, 8, 20, 64);
        assertThat(least).isLessThan(64);
    }
}
