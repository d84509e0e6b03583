// GENERATED from WinogradGradientLoopsF32.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

/**
 * The scalar transforms of {@link WinogradWeightGradient} (the weight gradient of F(2x2, 3x3), with the matrices of
 * {@link WinogradLoopsF64}). The forward tile is {@code Y_t = A^T [U (.) V_t] A}, so with
 * {@code dM_t = A dY_t A^T} (4 x 4, from the tile's 2 x 2 of dy) {@code dU[xi] = sum over t of dM_t[xi] V_t[xi]}
 * and {@code dW = G^T dU G}.
 */
final class WinogradGradientLoopsF64 {
    private WinogradGradientLoopsF64() {
    }

    /**
     * {@code dm[mo + xi·xiStride + o·ld + k·columns + t] = (A dY_t A^T)[xi]} for the tiles t of images k in
     * [0, images) ({@link WinogradLoopsF64#columns}), dY_t the tile's 2 x 2 of dy's plane o
     * ({@code dy[dyo + k·dyImage + (o·outH + 2tr + a)·outW + 2tc + b]}), zero past the plane's last row or column;
     * a dropped tile column's dM is zero. Each plane is first split into four phase rows
     * {@code buf[bo + (2a + b)·rowStride + k·columns + t]} (by an index of its outputs, in the calling thread's int
     * scratch buffer; copying row by row, even and odd columns, took 1.9 against 1.4 ms a call for conv2's whole dM
     * transform: rows of 7 tiles are short); the positions that no output reaches must hold zeros (filled
     * once per buffer: they are the same for every plane).
     */
    static void outputGradient(KernelSet ks, double[] dy, int dyo, int dyImage, int channels, int images, int tilesW, int outH,
                               int outW, double[] buf, int bo, int rowStride, double[] dm, int mo, int ld,
                               int xiStride) {
        int tilesH = (outH + 1) / 2;
        int perImage = WinogradLoopsF64.columns(tilesH, tilesW);
        int plane = outH * outW;
        int[] index = Scratch.get().ints(plane); // where each output of a plane goes in buf, for image 0
        for (int r = 0; r < outH; r++) {
            for (int q = 0; q < outW; q++) {
                index[r * outW + q] = (2 * (r & 1) + (q & 1)) * rowStride + (r >> 1) * (tilesW + 1) + (q >> 1);
            }
        }
        int count = images * perImage;
        for (int o = 0; o < channels; o++) {
            for (int k = 0; k < images; k++) {
                int src = dyo + k * dyImage + o * plane;
                int dst = bo + k * perImage;
                for (int q = 0; q < plane; q++) {
                    buf[dst + index[q]] = dy[src + q];
                }
            }
            ks.winogradOutputGradient(buf, bo, rowStride, dm, mo + o * ld, xiStride, count);
        }
    }

    /**
     * {@link KernelSet#winogradOutputGradient} for the columns [from, to): {@code dm[mo + xi·stride + t] =
     * (A Y_t A^T)[xi]}, {@code Y_t[a][b] = buf[bo + (2a + b)·ld + t]};
     * A is 4 x 2, rows (1, 0), (1, 1), (1, -1), (0, -1): {@code (A Y)} has rows y0, y0 + y1, y0 - y1, -y1 and each
     * row (p, q) of it becomes p, p + q, p - q, -q.
     */
    static void outputGradientRows(double[] buf, int bo, int ld, double[] dm, int mo, int stride, int from, int to) {
        for (int t = from; t < to; t++) {
            double y00 = buf[bo + t];
            double y01 = buf[bo + ld + t];
            double y10 = buf[bo + 2 * ld + t];
            double y11 = buf[bo + 3 * ld + t];
            double p1 = y00 + y10;
            double q1 = y01 + y11;
            double p2 = y00 - y10;
            double q2 = y01 - y11;
            int at = mo + t;
            dm[at] = y00;
            dm[at + stride] = y00 + y01;
            dm[at + 2 * stride] = y00 - y01;
            dm[at + 3 * stride] = -y01;
            dm[at + 4 * stride] = p1;
            dm[at + 5 * stride] = p1 + q1;
            dm[at + 6 * stride] = p1 - q1;
            dm[at + 7 * stride] = -q1;
            dm[at + 8 * stride] = p2;
            dm[at + 9 * stride] = p2 + q2;
            dm[at + 10 * stride] = p2 - q2;
            dm[at + 11 * stride] = -q2;
            dm[at + 12 * stride] = -y10;
            dm[at + 13 * stride] = -y10 - y11;
            dm[at + 14 * stride] = y11 - y10;
            dm[at + 15 * stride] = y11;
        }
    }

    /**
     * {@code dw[wo + (o·cin + c)·9 + 3i + j] = (G^T dU_oc G)[i][j]} for one group, {@code dU_oc[xi] = du[uo + (xi·cout
     * + o)·cin + c]}; G is 4 x 3, rows (1, 0, 0), (1/2, 1/2, 1/2), (1/2, -1/2, 1/2), (0, 0, 1).
     */
    static void weights(double[] du, int uo, int cin, int cout, double[] dw, int wo) {
        int step = cin * cout;
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                int at = uo + o * cin + c;
                int out = wo + (o * cin + c) * 9;
                for (int i = 0; i < 3; i++) {
                    // row i of G^T dU, then times G
                    double r0 = transposedGRow(du, at, step, i, 0);
                    double r1 = transposedGRow(du, at, step, i, 1);
                    double r2 = transposedGRow(du, at, step, i, 2);
                    double r3 = transposedGRow(du, at, step, i, 3);
                    dw[out + 3 * i] = r0 + 0.5d * (r1 + r2);
                    dw[out + 3 * i + 1] = 0.5d * (r1 - r2);
                    dw[out + 3 * i + 2] = r3 + 0.5d * (r1 + r2);
                }
            }
        }
    }

    /** Element (i, q) of {@code G^T dU}, {@code dU[p][q]} at {@code du[at + (4p + q)·step]}. */
    private static double transposedGRow(double[] du, int at, int step, int i, int q) {
        double x0 = du[at + q * step];
        double x1 = du[at + (4 + q) * step];
        double x2 = du[at + (8 + q) * step];
        double x3 = du[at + (12 + q) * step];
        return i == 0 ? x0 + 0.5d * (x1 + x2) : i == 1 ? 0.5d * (x1 - x2) : x3 + 0.5d * (x1 + x2);
    }
}
