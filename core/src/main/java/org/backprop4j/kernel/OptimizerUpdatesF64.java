// GENERATED from OptimizerUpdates.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

/**
 * Fused optimiser updates (Adam/AdamW, SGD) on the kernel set chosen
 * by {@link Kernels}: one pass over a parameter,
 * its gradient and its state, split into contiguous ranges over the kernel pool. Every element is
 * updated on its own with the same operations in the same order (no fused multiply-add), so the bits
 * do not depend on the kernel set or the thread count. Both compute in the parameter's precision,
 * as PyTorch does. The same pass tells whether every new value is finite (the trainer's NaN check) and,
 * when asked, keeps the values it overwrites (so that a step with a NaN or infinity can be undone exactly).
 */
public final class OptimizerUpdatesF64 {
    private OptimizerUpdatesF64() {
    }

    /**
     * One Adam/AdamW update of a float64 parameter; {@code vmax} is null without AMSGrad. With {@code twin}
     * (arrays shaped as p: p, m, v and vmax) the overwritten values are kept there, so that the step can be
     * undone exactly. Returns true when every new value is finite.
     */
    public static boolean adam(double[] p, double[] g, double[] m, double[] v, double[] vmax, double[][] twin,
                               AdamCoefficients c) {
        KernelSet kernels = Kernels.active();
        int n = p.length;
        if (n < 2 * Elementwise.PARALLEL_ELEMENTS) {
            return kernels.adam(p, g, m, v, vmax, twin, 0, n, c); // no split, no capturing lambda
        }
        boolean[] bad = new boolean[1];
        Parallel.forRange(n, Elementwise.PARALLEL_ELEMENTS, (from, to) -> {
            if (!kernels.adam(p, g, m, v, vmax, twin, from, to, c)) {
                bad[0] = true; // only ever set: no race on the outcome
            }
        });
        return !bad[0];
    }

    /**
     * One SGD update of a float64 parameter; buf is null without momentum. With a {@code twin} (arrays shaped
     * as p) the old p is kept in {@code twin[0]} and the new buf goes to {@code twin[1]}. Returns true when
     * every new value is finite.
     */
    public static boolean sgd(double[] p, double[] g, double[] buf, double[][] twin, SgdCoefficients c) {
        KernelSet kernels = Kernels.active();
        int n = p.length;
        if (n < 2 * Elementwise.PARALLEL_ELEMENTS) {
            return kernels.sgd(p, g, buf, twin, 0, n, c);
        }
        boolean[] bad = new boolean[1];
        Parallel.forRange(n, Elementwise.PARALLEL_ELEMENTS, (from, to) -> {
            if (!kernels.sgd(p, g, buf, twin, from, to, c)) {
                bad[0] = true; // only ever set: no race on the outcome
            }
        });
        return !bad[0];
    }
}
