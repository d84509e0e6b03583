package org.backprop4j.train;

import java.util.function.LongSupplier;

/**
 * The allocation tests' measure: the fewest bytes allocated per step over windows of steps. Until the JIT
 * has compiled the kernels (later on a loaded machine), Vector API code allocates, so a single window
 * proves nothing either way; an allocation on every step shows in every window.
 */
public final class AllocationWindows {
    private AllocationWindows() {
    }

    /**
     * Runs windows of {@code stepsPerWindow} calls of {@code step} while the least so far is not under
     * {@code enough}, for at least {@code minWindows} windows or else until {@code seconds} have passed.
     *
     * @param allocatedBytes the allocation counter to read (one thread's, or the sum over threads)
     * @return the fewest bytes allocated per step in a window
     */
    public static long leastPerStep(LongSupplier allocatedBytes, Runnable step, int stepsPerWindow, int minWindows,
                                    long seconds, long enough) {
        long least = Long.MAX_VALUE;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (int window = 0; least >= enough && (window < minWindows || System.nanoTime() < deadline); window++) {
            long start = allocatedBytes.getAsLong();
            for (int i = 0; i < stepsPerWindow; i++) {
                step.run();
            }
            least = Math.min(least, (allocatedBytes.getAsLong() - start) / stepsPerWindow);
        }
        return least;
    }
}
