// GENERATED from Pool2dKernels.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * Max and average pooling over a stack of planes ({@code [planes, H, W] -> [planes, outH, outW]}),
 * forward and backward, each a single pass; work is split by planes over the shared pool, so results
 * do not depend on the thread count. Max pooling pads with -inf, sends the gradient to the first
 * maximum of its window in row-major order, and lets the last NaN win (as PyTorch); average pooling counts the
 * zero padding ({@code count_include_pad=True}), so every window divides by {@code kh · kw}.
 */
public final class Pool2dKernelsF64 {
    private static final int PARALLEL_VALUES = 1 << 14;

    private Pool2dKernelsF64() {
    }

    private static void eachPlane(int planes, Window2d g, Parallel.Range body) {
        Parallel.forRange(planes, Math.max(1, PARALLEL_VALUES / (g.inPlane() + g.outPlane())), body);
    }

    /**
     * Flat index within its plane (which starts at {@code x[plane]}) of the winning input of window
     * (r, q): the first maximum in row-major order, or the last NaN. Only the taps inside the plane
     * are visited (the padding is -inf and never wins), without a bounds test per tap.
     */
    public static int argmax(double[] x, int plane, Window2d g, int r, int q) {
        int y0 = r * g.sh() - g.ph();
        int x0 = q * g.sw() - g.pw();
        int i0 = Window2d.firstInside(y0, g.dh());
        int i1 = Window2d.endInside(y0, g.dh(), g.h(), g.kh());
        int j0 = Window2d.firstInside(x0, g.dw());
        int j1 = Window2d.endInside(x0, g.dw(), g.w(), g.kw());
        int best = plane + (y0 + i0 * g.dh()) * g.w() + x0 + j0 * g.dw();
        double max = x[best];
        for (int i = i0; i < i1; i++) {
            for (int at = plane + (y0 + i * g.dh()) * g.w() + x0 + j0 * g.dw(), j = j0; j < j1; j++, at += g.dw()) {
                double v = x[at];
                if (v > max || v != v) { // as PyTorch: a later NaN takes over
                    best = at;
                    max = v;
                }
            }
        }
        return best - plane;
    }

    /** {@code y[p, r, q] = max of window (r, q) of plane p}. */
    public static void maxForward(double[] x, int planes, Window2d g, double[] y) {
        eachPlane(planes, g, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int in = p * g.inPlane();
                for (int r = 0, o = p * g.outPlane(); r < g.outH(); r++) {
                    for (int q = 0; q < g.outW(); q++, o++) {
                        y[o] = x[in + argmax(x, in, g, r, q)];
                    }
                }
            }
        });
    }

    /** Overwrites dx with the max-pooling gradient: each dy goes to its window's winner (found again from x). */
    public static void maxBackward(double[] x, double[] dy, int planes, Window2d g, double[] dx) {
        eachPlane(planes, g, (p0, p1) -> {
            Arrays.fill(dx, p0 * g.inPlane(), p1 * g.inPlane(), 0d);
            for (int p = p0; p < p1; p++) {
                int in = p * g.inPlane();
                for (int r = 0, o = p * g.outPlane(); r < g.outH(); r++) {
                    for (int q = 0; q < g.outW(); q++, o++) {
                        dx[in + argmax(x, in, g, r, q)] += dy[o];
                    }
                }
            }
        });
    }

    /** {@code y[p, r, q] = (sum of window (r, q), padding counted as zeros) / (kh · kw)}. */
    public static void avgForward(double[] x, int planes, Window2d g, double[] y) {
        double divisor = g.kh() * g.kw();
        eachPlane(planes, g, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int in = p * g.inPlane();
                for (int r = 0, o = p * g.outPlane(); r < g.outH(); r++) {
                    for (int q = 0; q < g.outW(); q++, o++) {
                        double sum = 0;
                        for (int i = 0; i < g.kh(); i++) {
                            int yy = r * g.sh() - g.ph() + i * g.dh();
                            for (int j = 0; yy >= 0 && yy < g.h() && j < g.kw(); j++) {
                                int xq = q * g.sw() - g.pw() + j * g.dw();
                                if (xq >= 0 && xq < g.w()) {
                                    sum += x[in + yy * g.w() + xq];
                                }
                            }
                        }
                        y[o] = sum / divisor;
                    }
                }
            }
        });
    }

    /** Overwrites dx with the average-pooling gradient: {@code dy / (kh · kw)} added to every input of the window. */
    public static void avgBackward(double[] dy, int planes, Window2d g, double[] dx) {
        double divisor = g.kh() * g.kw();
        eachPlane(planes, g, (p0, p1) -> {
            Arrays.fill(dx, p0 * g.inPlane(), p1 * g.inPlane(), 0d);
            for (int p = p0; p < p1; p++) {
                int in = p * g.inPlane();
                for (int r = 0, o = p * g.outPlane(); r < g.outH(); r++) {
                    for (int q = 0; q < g.outW(); q++, o++) {
                        double share = dy[o] / divisor;
                        for (int i = 0; i < g.kh(); i++) {
                            int yy = r * g.sh() - g.ph() + i * g.dh();
                            for (int j = 0; yy >= 0 && yy < g.h() && j < g.kw(); j++) {
                                int xq = q * g.sw() - g.pw() + j * g.dw();
                                if (xq >= 0 && xq < g.w()) {
                                    dx[in + yy * g.w() + xq] += share;
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
