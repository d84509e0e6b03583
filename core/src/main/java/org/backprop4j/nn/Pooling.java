package org.backprop4j.nn;

/** The checks the pooling layers make on their settings when built. */
final class Pooling {
    private Pooling() {
    }

    /** Throws when the kernel or stride is below 1 or the padding is negative or more than half the kernel. */
    static void check(String layer, int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(layer + "(kernel_size=" + kernel + ", stride=" + stride + ", padding="
                    + padding + "): kernel and stride must be at least 1 and padding between 0 and half the kernel");
        }
    }
}
