package org.backprop4j.kernel;

import java.util.Objects;

/**
 * Fused element-wise float32 kernels on the kernel set chosen by {@link Kernels}. Their results are
 * bit-identical between the Vector API and plain-Java sets (no reordering is involved).
 */
public final class Elementwise {
    /**
     * Element-wise kernels split their work over the kernel pool in parts of at least this many
     * elements (below twice this they stay on the calling thread).
     */
    static final int PARALLEL_ELEMENTS = 1 << 14;

    private Elementwise() {
    }

    /** {@code out[i] = x[i] + y[i]} for n elements; out may alias x or y. */
    public static void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        Kernels.active().add(x, xo, y, yo, out, oo, n);
    }

    /** {@code out[r,c] = x[r,c] + bias[c]} for a rows x cols matrix; out may be x. */
    public static void addBias(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols) {
        biasAct(x, xo, bias, bo, out, oo, rows, cols, false);
    }

    /** Fused bias and ReLU: {@code out[r,c] = max(0, x[r,c] + bias[c])}; out may be x. */
    public static void addBiasRelu(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols) {
        biasAct(x, xo, bias, bo, out, oo, rows, cols, true);
    }

    private static void biasAct(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols,
                                boolean relu) {
        KernelSet kernels = Kernels.active();
        Parallel.forRange(rows, PARALLEL_ELEMENTS / Math.max(1, cols), (r0, r1) ->
                kernels.biasAct(x, xo + r0 * cols, bias, bo, out, oo + r0 * cols, r1 - r0, cols, relu));
    }

    /** ReLU backward from its output: {@code out[i] = y[i] > 0 ? g[i] : 0}; out may alias g. */
    public static void reluBackward(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
        KernelSet kernels = Kernels.active();
        Parallel.forRange(n, PARALLEL_ELEMENTS, (from, to) ->
                kernels.reluBackward(g, go + from, y, yo + from, out, oo + from, to - from));
    }


    /** {@code y[i] = fma(alpha, x[i], y[i])} for n elements. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        Kernels.active().axpy(alpha, x, xo, y, yo, n);
    }

    /**
     * {@code out[oo + i] = (src[so + i] & 0xff) / divisor} for i in [0, n): unsigned bytes to float32, one IEEE
     * float division each (the rule of a data set stored as pixels).
     */
    public static void unsignedBytesToFloats(byte[] src, int so, float[] out, int oo, int n, float divisor) {
        Objects.checkFromIndexSize(so, n, src.length);
        Objects.checkFromIndexSize(oo, n, out.length);
        Kernels.active().unsignedBytesToFloats(src, so, out, oo, n, divisor);
    }

    /** Keeps the cache-line touches of {@link #unsignedByteRows} from being optimised away. */
    @SuppressWarnings("unused")
    private static volatile int sink;

    /**
     * Assembles a minibatch from a dataset kept as unsigned bytes (pixels): for i in [0, count),
     * row i of {@code out} is row {@code rows[from + i]} of {@code src} (rows {@code rowLength}
     * bytes long), each value {@code (v & 0xff) / divisor} in float32, the same bits as that scalar
     * expression. Large batches are split by rows over the kernel pool.
     */
    public static void unsignedByteRows(byte[] src, int rowLength, int[] rows, int from, int count, float divisor,
                                        float[] out) {
        if (rowLength < 0 || count < 0 || from < 0 || (long) from + count > rows.length
                || (long) count * rowLength > out.length) {
            throw new IllegalArgumentException("unsignedByteRows: " + count + " rows of " + rowLength + " from "
                    + from + " do not fit " + rows.length + " row indices and " + out.length + " outputs");
        }
        KernelSet kernels = Kernels.active();
        Parallel.forRange(count, PARALLEL_ELEMENTS / Math.max(1, rowLength), (r0, r1) -> {
            // first touch every cache line of the part's rows, so that their misses overlap (rows are
            // scattered over the data set), then convert from cache: measured 53 -> 32 us per batch of 128
            // Fashion-MNIST rows on one thread
            int touched = 0;
            for (int r = r0; r < r1; r++) {
                int row = rows[from + r];
                if (row < 0 || (long) row * rowLength + rowLength > src.length) {
                    throw new IndexOutOfBoundsException("row " + row + " of a " + src.length + "-byte source with rows of "
                            + rowLength);
                }
                int base = row * rowLength;
                for (int o = 0; o < rowLength; o += 64) {
                    touched += src[base + o];
                }
                touched += rowLength > 0 ? src[base + rowLength - 1] : 0;
            }
            sink = touched;
            for (int r = r0; r < r1; r++) {
                kernels.unsignedBytesToFloats(src, rows[from + r] * rowLength, out, r * rowLength, rowLength, divisor);
            }
        });
    }
}
