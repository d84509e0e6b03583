// GENERATED from Pool2dKernels.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * Max and average pooling over a stack of planes ({@code [planes, H, W] -> [planes, outH, outW]}),
 * forward and backward, each a single pass; work is split by planes over the shared pool, so results
 * do not depend on the thread count. Max pooling pads with -inf, sends the gradient to the first
 * maximum of its window in row-major order, and lets the last NaN win (as PyTorch); average pooling counts the
 * zero padding ({@code count_include_pad=True}), so every window divides by {@code kh · kw}.
 * Max pooling can take ReLU with it ({@code relu}): the result is max pooling of {@code max(0, x)}
 * (NaN, -0 and negatives read as +0), the same values, winners and gradients as the two passes.
 */
public final class Pool2dKernelsF64 {
    private static final int PARALLEL_VALUES = 1 << 14;

    private Pool2dKernelsF64() {
    }

    private static void eachPlane(int planes, Window2d g, Parallel.Range body) {
        Parallel.forRange(planes, Math.max(1, PARALLEL_VALUES / (g.inPlane() + g.outPlane())), body);
    }

    /** PyTorch's rule for a max-pooling window scanned in row-major order: v takes over from max when larger, or when NaN. */
    private static boolean wins(double v, double max) {
        return v > max | v != v;
    }

    /**
     * Flat index within its plane (which starts at {@code x[plane]}) of the winning input of window
     * (r, q): the first maximum in row-major order, or the last NaN; with {@code relu}, of the window
     * of {@code max(0, x)} (no NaN there, so the first maximum, which is the first tap when none is
     * positive). Only the taps inside the plane are visited (the padding is -inf and never wins),
     * without a bounds test per tap.
     */
    public static int argmax(double[] x, int plane, Window2d g, int r, int q, boolean relu) {
        int y0 = r * g.sh() - g.ph();
        int x0 = q * g.sw() - g.pw();
        int i0 = Window2d.firstInside(y0, g.dh());
        int i1 = Window2d.endInside(y0, g.dh(), g.h(), g.kh());
        int j0 = Window2d.firstInside(x0, g.dw());
        int j1 = Window2d.endInside(x0, g.dw(), g.w(), g.kw());
        int best = plane + (y0 + i0 * g.dh()) * g.w() + x0 + j0 * g.dw();
        double max = relu ? 0d : x[best]; // relu: the first tap holds max(0, x) >= 0, so +0 until a positive value
        for (int i = i0; i < i1; i++) {
            for (int at = plane + (y0 + i * g.dh()) * g.w() + x0 + j0 * g.dw(), j = j0; j < j1; j++, at += g.dw()) {
                if (relu ? x[at] > max : wins(x[at], max)) {
                    best = at;
                    max = x[at];
                }
            }
        }
        return best - plane;
    }

    /** The value max pooling reads at input {@code v}: v, or with {@code relu} {@code max(0, v)} (NaN and -0 as +0). */
    public static double read(double v, boolean relu) {
        return relu && !(v > 0) ? 0d : v;
    }

    /**
     * Index in x of the winner of each window of plane p, in output order, into {@code win}:
     * {@link #argmax} per window, or for unpadded windows (all inside the plane) the same scan with
     * the window's geometry hoisted out of the loop, without a branch on the data: the winner's
     * index is an int select (a conditional move), and the running maximum is {@code Math.max},
     * which compares the same as the winner's value (NaN once a NaN won, else the same number up to
     * the sign of a zero). Double selects would compile to branches (x86 has no conditional move
     * for them), mispredicted on random data. With {@code relu}, see {@link #reluWinner}.
     */
    private static void winners(double[] x, int p, Window2d g, boolean relu, int[] win) {
        int oh = g.outH();
        int ow = g.outW();
        int kh = g.kh();
        int kw = g.kw();
        int w = g.w();
        int rowStep = g.sh() * w;
        int tapRow = g.dh() * w;
        int dw = g.dw();
        int sw = g.sw();
        boolean inside = g.ph() == 0 && g.pw() == 0;
        int in = p * g.inPlane();
        for (int r = 0, o = 0; r < oh; r++) {
            for (int q = 0; q < ow; q++, o++) {
                if (!inside) {
                    win[o] = in + argmax(x, in, g, r, q, relu);
                    continue;
                }
                int at = in + r * rowStep + q * sw;
                if (relu) {
                    win[o] = reluWinner(x, at, kh, kw, tapRow, dw);
                    continue;
                }
                int best = at;
                double max = x[at];
                if (kh == 2 && kw == 2) { // the common 2x2 window, unrolled: taps (0,1), (1,0), (1,1) after (0,0)
                    int t1 = at + dw;
                    int t2 = at + tapRow;
                    int t3 = t2 + dw;
                    double v1 = x[t1];
                    double v2 = x[t2];
                    double v3 = x[t3];
                    best = wins(v1, max) ? t1 : best;
                    max = Math.max(max, v1);
                    best = wins(v2, max) ? t2 : best;
                    max = Math.max(max, v2);
                    best = wins(v3, max) ? t3 : best;
                    win[o] = best;
                    continue;
                }
                for (int i = 0; i < kh; i++, at += tapRow) {
                    for (int j = 0, t = at; j < kw; j++, t += dw) {
                        double v = x[t];
                        best = wins(v, max) ? t : best;
                        max = Math.max(max, v);
                    }
                }
                win[o] = best;
            }
        }
    }

    /**
     * Index in x of the winner of the unpadded window whose first tap is {@code at}, in the window of
     * {@code max(0, x)}: the first maximum, the first tap when none is positive. The values of
     * {@code max(0, x)} are +0 or positive (no NaN, no -0), whose bit patterns as integers order the
     * same as the values, so the scan runs on bits with integer selects only (no branch on the data;
     * long holds the bits of either precision).
     */
    private static int reluWinner(double[] x, int at, int kh, int kw, int tapRow, int dw) {
        long inf = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        int best = at;
        long max = 0; // the bits of +0
        for (int i = 0; i < kh; i++, at += tapRow) {
            for (int j = 0, t = at; j < kw; j++, t += dw) {
                // the bits of max(0, v): negatives and -0 have the sign bit (a negative integer), NaNs lie above +inf
                long bits = Math.max(Double.doubleToRawLongBits(x[t]), 0);
                bits = bits > inf ? 0 : bits;
                best = bits > max ? t : best;
                max = Math.max(max, bits);
            }
        }
        return best;
    }

    /**
     * {@code y[p, r, q] = max of window (r, q) of plane p}, and {@code where[p, r, q]} = the winner's
     * flat index within its plane (an exact small integer), for {@link #maxBackward}; with
     * {@code relu}, of {@code max(0, x)}.
     */
    public static void maxForward(double[] x, int planes, Window2d g, boolean relu, double[] y, double[] where) {
        KernelSet kernels = Kernels.active();
        boolean halving = g.halving();
        eachPlane(planes, g, (p0, p1) -> {
            if (halving && kernels.maxPool2x2(x, g, relu, p0, p1, y, where)) {
                return; // the kernel set's own 2x2 kernel (the Vector API's)
            }
            int[] win = Scratch.get().ints(g.outPlane());
            for (int p = p0; p < p1; p++) {
                winners(x, p, g, relu, win);
                int in = p * g.inPlane();
                for (int o = 0, yo = p * g.outPlane(), n = g.outPlane(); o < n; o++) {
                    y[yo + o] = read(x[win[o]], relu);
                    where[yo + o] = win[o] - in;
                }
            }
        });
    }

    /**
     * Overwrites dx with the max-pooling gradient: each dy goes to its window's winner, as
     * {@link #maxForward} found it. With ReLU fused, y is the forward's output and a window passes
     * dy only when {@code y > 0} (ReLU's derivative at its winner, whose ReLU output is y), else +0:
     * the sums ReLU's backward pass would mask, bit for bit. y is null without ReLU. The kernel set may
     * write halving windows (2x2, stride 2) directly ({@link KernelSet#maxBackward2x2}); else dx is zeroed
     * and each window's gradient added to its winner.
     */
    public static void maxBackward(double[] where, double[] dy, double[] y, int planes, Window2d g, double[] dx) {
        KernelSet kernels = Kernels.active();
        boolean halving = g.halving();
        eachPlane(planes, g, (p0, p1) -> {
            if (halving && kernels.maxBackward2x2(where, dy, y, g, p0, p1, dx)) {
                return; // the kernel set's own 2x2 kernel (the Vector API's)
            }
            for (int p = p0; p < p1; p++) {
                int in = p * g.inPlane();
                Arrays.fill(dx, in, in + g.inPlane(), 0d); // plane by plane: the adds below find it in cache
                for (int o = p * g.outPlane(), end = o + g.outPlane(); o < end; o++) {
                    dx[in + (int) where[o]] += masked(dy, y, o);
                }
            }
        });
    }

    /** dy[o], or with ReLU (y not null) +0 unless {@code y[o] > 0}. */
    private static double masked(double[] dy, double[] y, int o) {
        return y == null ? dy[o] : Double.longBitsToDouble(Double.doubleToRawLongBits(dy[o]) & positive(y[o]));
    }

    /**
     * {@link #maxBackward} for halving windows {@code (r, q)} for q in {@code [q0, ow)}, after a kernel set's vectors
     * wrote windows {@code [0, q0)} of the row: the window's two rows of dx get +0 from column 2·q0 to the end (an odd
     * width's last column is in no window), then each winner its window's gradient, {@code +0 + masked dy} (the sum
     * {@link #maxBackward} makes: -0 becomes +0). Plain ints, not the Window2d (whose sizes divide), as it runs per row:
     * the input width w, {@code in} the plane's start in dx, {@code top} that of row 2r, o the index of window (r, 0).
     */
    public static void unpoolWindows(double[] where, double[] dy, double[] y, int w, int ow, int in, int top, int o, int q0,
                                     double[] dx) {
        if (2 * q0 >= w) {
            return;
        }
        Arrays.fill(dx, top + 2 * q0, top + w, 0d);
        Arrays.fill(dx, top + w + 2 * q0, top + 2 * w, 0d);
        for (int q = q0; q < ow; q++) {
            dx[in + (int) where[o + q]] = 0d + masked(dy, y, o + q);
        }
    }

    /**
     * -1 (all bits set) when {@code v > 0}, else 0, without a branch: y > 0 masks the gradient in
     * {@link #maxBackward}, where as a condition (a double select or an int select on a double compare,
     * both compiled to branches) it was mispredicted whenever a fair share of the outputs were 0. The
     * bits of a positive number or +inf, as an integer, lie in (0, bits of +inf]; those of zeros,
     * negative numbers and NaN do not (sign-extended into a long, a negative number's stay negative).
     */
    private static int positive(double v) {
        long bits = Double.doubleToRawLongBits(v);
        long inf = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        return (int) ((-bits & (bits - inf - 1)) >> 63);
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
            for (int p = p0; p < p1; p++) {
                int in = p * g.inPlane();
                Arrays.fill(dx, in, in + g.inPlane(), 0d); // plane by plane, as in maxBackward
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
