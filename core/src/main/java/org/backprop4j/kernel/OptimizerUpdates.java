package org.backprop4j.kernel;

/**
 * Fused optimiser updates (Adam/AdamW, SGD with momentum or weight decay) on the kernel set chosen
 * by {@link Kernels}: one pass over a parameter,
 * its gradient and its state, split into contiguous ranges over the kernel pool. Every element is
 * updated on its own with the same operations in the same order (no fused multiply-add), so the bits
 * do not depend on the kernel set or the thread count. Both compute in the parameter's precision,
 * as PyTorch does.
 * <p>float32 template of the float64 twin {@link OptimizerUpdatesF64}, which TwinGenerator (core/src/test) generates.
 */
public final class OptimizerUpdates {
    private OptimizerUpdates() {
    }

    /** One Adam/AdamW update of a float32 parameter; {@code vmax} is null without AMSGrad. */
    public static void adam(float[] p, float[] g, float[] m, float[] v, float[] vmax, AdamCoefficients c) {
        KernelSet kernels = Kernels.active();
        int n = p.length;
        if (n < 2 * Elementwise.PARALLEL_ELEMENTS) {
            kernels.adam(p, g, m, v, vmax, 0, n, c); // no split, no capturing lambda
            return;
        }
        Parallel.forRange(n, Elementwise.PARALLEL_ELEMENTS, (from, to) -> kernels.adam(p, g, m, v, vmax, from, to, c));
    }

    /** One SGD update with momentum and/or weight decay of a float32 parameter; buf is null without momentum. */
    public static void sgd(float[] p, float[] g, float[] buf, SgdCoefficients c) {
        KernelSet kernels = Kernels.active();
        int n = p.length;
        if (n < 2 * Elementwise.PARALLEL_ELEMENTS) {
            kernels.sgd(p, g, buf, 0, n, c);
            return;
        }
        Parallel.forRange(n, Elementwise.PARALLEL_ELEMENTS, (from, to) -> kernels.sgd(p, g, buf, from, to, c));
    }
}
