package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * The plain loops of {@link DirectConv2d} on float arrays: the zero-padded copy of an image, and the scalar
 * forward pass and weight-gradient chains in exactly the order of the Vector API kernels ({@link KernelSet}), so
 * both kernel sets give the same bits.
 * <p>float32 template of the float64 twin {@link DirectConvLoopsF64}, which TwinGenerator (core/src/test) generates.
 */
final class DirectConvLoopsF32 {
    private DirectConvLoopsF32() {
    }

    /**
     * Copies {@code channels} planes of x from {@code xo} into {@code xp[po..]}, each surrounded by g's padding of
     * zeros: planes {@code (H + 2ph) x (W + 2pw)} one after the other ({@link DirectConv2d#paddedPlane}).
     */
    static void pad(float[] x, int xo, int channels, Window2d g, float[] xp, int po) {
        int wp = DirectConv2d.paddedWidth(g);
        int plane = DirectConv2d.paddedPlane(g);
        Arrays.fill(xp, po, po + channels * plane, 0f);
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < g.h(); r++) {
                System.arraycopy(x, xo + (c * g.h() + r) * g.w(), xp, po + c * plane + (r + g.ph()) * wp + g.pw(),
                        g.w());
            }
        }
    }

    /** {@link KernelSet#directForward}: each output from its bias (or 0), the taps added by fma in ascending order. */
    static void forward(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, float[] w,
                        int wo, int og, float[] b, int bo, float[] y, int yo) {
        int plane = outH * outW;
        for (int o = 0; o < og; o++) {
            float bias = b == null ? 0f : b[bo + o];
            int wr = wo + o * patch;
            for (int r = 0; r < outH; r++) {
                int xr = xpo + r * rowStep;
                int yr = yo + o * plane + r * outW;
                for (int q = 0; q < outW; q++) {
                    float sum = bias;
                    for (int t = 0; t < patch; t++) {
                        sum = Math.fma(xp[xr + taps[t] + q], w[wr + t], sum);
                    }
                    y[yr + q] = sum;
                }
            }
        }
    }

    /**
     * {@link KernelSet#directWeightGradient}: chain l of (o, t) takes, row by row, position l of each whole strip
     * of {@link DirectConv2d#CHAINS} columns, then lane l of the last strip, which ends at the row's end and
     * overlaps the one before (its lanes over that strip add {@code fma(dy·0, x, chain)}, as the vector kernel's).
     * Rows are at least a strip wide ({@link DirectConv2d} widens narrower ones).
     */
    static void weightGradient(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                               float[] dy, int dyo, int og, float[] lanes, int lo, boolean acc) {
        int chains = DirectConv2d.CHAINS;
        if (!acc) {
            Arrays.fill(lanes, lo, lo + og * patch * chains, 0f);
        }
        int plane = outH * outW;
        int full = outW / chains * chains;
        int last = outW - chains; // start of the overlapping last strip
        for (int o = 0; o < og; o++) {
            for (int t = 0; t < patch; t++) {
                int at = lo + (o * patch + t) * chains;
                for (int r = 0; r < outH; r++) {
                    int d = dyo + o * plane + r * outW;
                    int xr = xpo + r * rowStep + taps[t];
                    for (int q0 = 0; q0 < full; q0 += chains) {
                        for (int l = 0; l < chains; l++) {
                            lanes[at + l] = Math.fma(dy[d + q0 + l], xp[xr + q0 + l], lanes[at + l]);
                        }
                    }
                    for (int l = 0; full < outW && l < chains; l++) {
                        float keep = last + l >= full ? 1f : 0f;
                        lanes[at + l] = Math.fma(dy[d + last + l] * keep, xp[xr + last + l], lanes[at + l]);
                    }
                }
            }
        }
    }
}
