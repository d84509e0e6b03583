package org.backprop4j.kernel;

/**
 * The geometry of a sliding 2-D window over one H x W plane, as PyTorch's convolution and pooling
 * use it: kernel {@code kh x kw}, stride, zero padding on both sides, and dilation. Window
 * {@code (oh, ow)} covers input rows {@code oh*sh - ph + i*dh} for i in [0, kh) (columns alike).
 *
 * @param h input height
 * @param w input width
 * @param kh kernel height
 * @param kw kernel width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param ph padding above and below
 * @param pw padding left and right
 * @param dh vertical dilation
 * @param dw horizontal dilation
 */
public record Window2d(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    /** Output height {@code floor((H + 2p - d(k-1) - 1) / s) + 1} (PyTorch's formula, floor mode). */
    public int outH() {
        return Math.floorDiv(h + 2 * ph - dh * (kh - 1) - 1, sh) + 1;
    }

    /** Output width {@code floor((W + 2p - d(k-1) - 1) / s) + 1}. */
    public int outW() {
        return Math.floorDiv(w + 2 * pw - dw * (kw - 1) - 1, sw) + 1;
    }

    /**
     * True for 2x2 windows of stride 2 without padding or dilation (the pooling that halves each side, which
     * the pooling kernels special-case): each input belongs to at most one window.
     */
    public boolean halving() {
        return kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0 && dh == 1 && dw == 1;
    }

    /** Number of windows, {@code outH · outW}. */
    public int outPlane() {
        return outH() * outW();
    }

    /** Number of input values in a plane, {@code H · W}. */
    public int inPlane() {
        return h * w;
    }

    /**
     * The first t ≥ 0 for which {@code offset + t·step} is not negative: the first kernel tap (or
     * output position) of a row or column that starts at {@code offset} and falls inside the input.
     */
    public static int firstInside(int offset, int step) {
        return offset >= 0 ? 0 : (-offset + step - 1) / step;
    }

    /**
     * The first t in [0, count] for which {@code offset + t·step ≥ size} (count when there is none):
     * with {@link #firstInside}, the taps or positions {@code [first, end)} that fall inside an input
     * of {@code size} values. Divides only at the edges.
     */
    public static int endInside(int offset, int step, int size, int count) {
        if (offset + (count - 1) * step < size) {
            return count;
        }
        return offset >= size ? 0 : Math.min(count, (size - offset + step - 1) / step);
    }

    /** Receives one kernel position of a window: its row i, column j and the input's flat index in the plane. */
    @FunctionalInterface
    public interface Tap {
        /** Handles kernel position (i, j), which reads input {@code index} ({@code y·W + x}) of the plane. */
        void at(int i, int j, int index);
    }

    /** Calls {@code tap} for each kernel position of window (r, q) that falls inside the input, in row-major order. */
    public void forEachInside(int r, int q, Tap tap) {
        for (int i = 0; i < kh; i++) {
            int y = r * sh - ph + i * dh;
            for (int j = 0; y >= 0 && y < h && j < kw; j++) {
                int x = q * sw - pw + j * dw;
                if (x >= 0 && x < w) {
                    tap.at(i, j, y * w + x);
                }
            }
        }
    }

    /**
     * Null when the geometry is usable, else one sentence naming the problem (non-positive kernel,
     * stride or dilation, negative padding, or a kernel larger than the padded input).
     */
    public String problem() {
        if (kh < 1 || kw < 1) {
            return "kernel " + kh + "x" + kw + " must be at least 1x1";
        }
        if (sh < 1 || sw < 1) {
            return "stride " + sh + "x" + sw + " must be at least 1";
        }
        if (dh < 1 || dw < 1) {
            return "dilation " + dh + "x" + dw + " must be at least 1";
        }
        if (ph < 0 || pw < 0) {
            return "padding " + ph + "x" + pw + " must not be negative";
        }
        if (h < 1 || w < 1) {
            return "input plane " + h + "x" + w + " is empty";
        }
        if (outH() < 1 || outW() < 1) {
            return "kernel " + (dh * (kh - 1) + 1) + "x" + (dw * (kw - 1) + 1) + " (with dilation) is larger than the"
                    + " padded input " + (h + 2 * ph) + "x" + (w + 2 * pw);
        }
        return null;
    }
}
