// GENERATED from WinogradLoopsF32.java by TwinGenerator (core/src/test) — do not edit.
package org.backprop4j.kernel;

import java.util.Arrays;

/**
 * The transforms of {@link WinogradConv2d} (F(2x2, 3x3), Lavin and Gray 2016) on double arrays, written once for both
 * kernel sets: the loops over a transform's columns ({@link #inputRows}, {@link #outputRows}) are the definition of
 * {@link KernelSet#winogradInput} and {@link KernelSet#winogradOutput}, whose Vector API versions do the same adds in
 * the same order. So the whole path (whose GEMMs agree too) gives the same bits in both sets:
 * <pre>
 *   B^T = [1  0 -1  0]     G = [1    0    0  ]     A^T = [1  1  1  0]
 *         [0  1  1  0]         [1/2  1/2  1/2]           [0  1 -1 -1]
 *         [0 -1  1  0]         [1/2 -1/2  1/2]
 *         [0  1  0 -1]         [0    0    1  ]
 * </pre>
 * A 2 x 2 output tile is {@code A^T [(G g G^T) (.) (B^T d B)] A} for the 4 x 4 input tile d at twice the tile's
 * position in the zero-padded input and the 3 x 3 kernel g. The 16 positions xi = 4·row + column of a transformed
 * tile index the 16 GEMMs: {@code U[xi]} is {@code [cin x cout]} (the weight, read transposed by the GEMM),
 * {@code V[xi]} is {@code [cin x T]} and {@code M[xi] = U[xi]^T · V[xi]} is {@code [cout x T]}, one column per tile.
 */
final class WinogradLoopsF64 {
    private WinogradLoopsF64() {
    }

    /**
     * {@code U[uo + (xi·cin + c)·cout + o] = (G g_oc G^T)[xi]} for one group, g_oc read from the group's weight
     * {@code [.., .., 3, 3]} at wo: as {@code w[o, c]} (a forward pass), or when {@code rotated} as {@code w[c, o]}
     * turned by 180 degrees (the input gradient as a forward convolution: the weight's out channels are its in
     * channels).
     */
    static void weights(double[] w, int wo, int cin, int cout, boolean rotated, double[] u, int uo) {
        int step = rotated ? -1 : 1;
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                int at = wo + (rotated ? c * cout + o : o * cin + c) * 9;
                int first = rotated ? at + 8 : at; // tap (i, j) of g is w[first + step·(3i + j)]
                for (int r = 0; r < 4; r++) {
                    // row r of G g: g's row 0, (g0 + g1 + g2)/2, (g0 - g1 + g2)/2 or row 2, then times G^T
                    double t0 = gRow(w, first, step, r, 0);
                    double t1 = gRow(w, first, step, r, 1);
                    double t2 = gRow(w, first, step, r, 2);
                    int row = uo + 4 * r * cin * cout + c * cout + o;
                    u[row] = t0;
                    u[row + cin * cout] = 0.5d * (t0 + t1 + t2);
                    u[row + 2 * cin * cout] = 0.5d * (t0 - t1 + t2);
                    u[row + 3 * cin * cout] = t2;
                }
            }
        }
    }

    /** Element (r, j) of {@code G g}, g's tap (i, j) at {@code w[first + step·(3i + j)]}. */
    private static double gRow(double[] w, int first, int step, int r, int j) {
        double g0 = w[first + step * j];
        double g1 = w[first + step * (3 + j)];
        double g2 = w[first + step * (6 + j)];
        return r == 0 ? g0 : r == 1 ? 0.5d * (g0 + g1 + g2) : r == 2 ? 0.5d * (g0 - g1 + g2) : g2;
    }

    /** Row i of {@code B^T d} is {@code d[FIRST[i]] + SIGN[i]·d[SECOND[i]]} (rows of d). */
    private static final int[] FIRST = {0, 1, 2, 1};
    private static final int[] SECOND = {2, 2, 1, 3};
    private static final double[] SIGN = {-1d, 1d, -1d, -1d};

    /**
     * Values of one phase plane ({@link #input}): {@code (tilesH + 1) x (tilesW + 1)}, and one more that the last
     * (dropped) tile column reads.
     */
    static int phasePlane(int tilesH, int tilesW) {
        return (tilesH + 1) * (tilesW + 1) + 1;
    }

    /**
     * Columns of V and M per image: {@code tilesH · (tilesW + 1)}, tile (tr, tc) at {@code tr·(tilesW + 1) + tc}; the
     * last column of each row of tiles (tc = tilesW) is computed and dropped, which makes a tile's inputs lie at a
     * fixed offset from its column in the phase planes, so every loop below runs over consecutive columns.
     */
    static int columns(int tilesH, int tilesW) {
        return tilesH * (tilesW + 1);
    }

    /**
     * {@code V[vo + (xi·channels + c)·ld + t0 + t] = (B^T d_t B)[xi]} for the columns t of one image
     * ({@link #columns}), d_t the 4 x 4 input tile at twice the tile's position in the image's plane c
     * ({@code inH x inW} at xo, padded by ph rows above and pw columns left, zeros below and right). Each plane is
     * first split into four phase planes at {@code pad[po..]}: {@code P_ab[R][C] = padded[2R + a][2C + b]}, rows of
     * {@code tilesW + 1}, so that {@code d_t[i][j] = P_(i%2)(j%2)[t + (i/2)·(tilesW + 1) + j/2]} (by an index of
     * their sources in the plane, in the calling thread's int scratch buffer); then {@link KernelSet#winogradInput}.
     */
    static void input(KernelSet ks, double[] x, int xo, int channels, int inH, int inW, int ph, int pw, int tilesH,
                      int tilesW, double[] pad, int po, double[] v, int vo, int ld, int t0) {
        int rowStep = tilesW + 1;
        int phase = phasePlane(tilesH, tilesW);
        int count = columns(tilesH, tilesW);
        // where each value of the phase planes comes from in a plane of x, -1 for the padding's zeros
        int[] from = Scratch.get().ints(4 * phase);
        Arrays.fill(from, 0, 4 * phase, -1);
        for (int r = 0; r < inH; r++) {
            for (int q = 0; q < inW; q++) {
                int pr = r + ph;
                int pc = q + pw;
                from[(2 * (pr & 1) + (pc & 1)) * phase + (pr >> 1) * rowStep + (pc >> 1)] = r * inW + q;
            }
        }
        for (int c = 0; c < channels; c++) {
            int xc = xo + c * inH * inW;
            for (int d = 0; d < 4 * phase; d++) {
                int at = from[d];
                pad[po + d] = at < 0 ? 0d : x[xc + at];
            }
            ks.winogradInput(pad, po, rowStep, phase, v, vo + c * ld + t0, channels * ld, count);
        }
    }

    /**
     * {@link KernelSet#winogradInput} for the columns [from, to): {@code v[vo + xi·stride + t] = (B^T d_t B)[xi]},
     * {@code d_t[i][j] = p[po + (2·(i%2) + j%2)·phase + (i/2)·rowStep + j/2 + t]}.
     */
    static void inputRows(double[] p, int po, int rowStep, int phase, double[] v, int vo, int stride, int from, int to) {
        for (int i = 0; i < 4; i++) {
            // row i of B^T d (padded rows a and b combined), then times B: columns 0 and 2 of d in the even phase
            // plane at t and t + 1, 1 and 3 in the odd one
            int a0 = inputRow(po, rowStep, phase, FIRST[i]);
            int b0 = inputRow(po, rowStep, phase, SECOND[i]);
            int a1 = a0 + phase;
            int b1 = b0 + phase;
            double sign = SIGN[i];
            int at = vo + 4 * i * stride;
            for (int t = from; t < to; t++) {
                double e0 = p[a0 + t] + sign * p[b0 + t];
                double e1 = p[a1 + t] + sign * p[b1 + t];
                double e2 = p[a0 + t + 1] + sign * p[b0 + t + 1];
                double e3 = p[a1 + t + 1] + sign * p[b1 + t + 1];
                v[at + t] = e0 - e2;
                v[at + stride + t] = e1 + e2;
                v[at + 2 * stride + t] = e2 - e1;
                v[at + 3 * stride + t] = e1 - e3;
            }
        }
    }

    /** Where row r of the tiles' d starts in the phase planes at po: its even phase plane, shifted by r/2 rows. */
    static int inputRow(int po, int rowStep, int phase, int r) {
        return po + 2 * (r & 1) * phase + (r >> 1) * rowStep;
    }

    /** {@link #inputRows}' row i of {@code B^T d} is {@code d[inputFirst(i)] + inputSign(i)·d[inputSecond(i)]}. */
    static int inputFirst(int i) {
        return FIRST[i];
    }

    static int inputSecond(int i) {
        return SECOND[i];
    }

    static double inputSign(int i) {
        return SIGN[i];
    }

    /**
     * {@code y[yo + k·yImage + (o·outH + 2tr + a)·outW + 2tc + b] = (A^T M A)[a][b] (+ bias[biasAt + o])} for the
     * tiles (tr, tc) of images k in [0, images), M's 16 values at {@code m[mo + (xi·channels + o)·ld + k·columns + t]}
     * ({@link #columns}); a tile's outputs past the plane's last row or column (odd outH or outW) are dropped. Each
     * channel's four outputs of every tile are computed over consecutive columns ({@link KernelSet#winogradOutput})
     * into {@code buf[bo + (2a + b)·ld + column]}, then gathered into y's planes (by an index of the plane's
     * outputs in buf, in the calling thread's int scratch buffer).
     */
    static void output(KernelSet ks, double[] m, int mo, int channels, int ld, int images, int tilesW, int outH, int outW,
                       double[] bias, int biasAt, double[] y, int yo, int yImage, double[] buf, int bo) {
        int tilesH = (outH + 1) / 2;
        int perImage = columns(tilesH, tilesW);
        int plane = outH * outW;
        int[] index = Scratch.get().ints(plane); // where each output of a plane is in buf, for image 0
        for (int r = 0; r < outH; r++) {
            for (int q = 0; q < outW; q++) {
                index[r * outW + q] = (2 * (r & 1) + (q & 1)) * ld + (r >> 1) * (tilesW + 1) + (q >> 1);
            }
        }
        for (int o = 0; o < channels; o++) {
            ks.winogradOutput(m, mo + o * ld, channels * ld, images * perImage, bias == null ? 0d : bias[biasAt + o],
                    buf, bo, ld);
            for (int k = 0; k < images; k++) {
                int src = bo + k * perImage;
                int dst = yo + k * yImage + o * plane;
                for (int q = 0; q < plane; q++) { // a scalar gather: faster here than the vector one (AMD EPYC)
                    y[dst + q] = buf[src + index[q]];
                }
            }
        }
    }

    /**
     * {@link KernelSet#winogradOutput} for the columns [from, to): {@code buf[bo + (2a + b)·ld + t] = (A^T M_t A)[a][b]
     * + bias}, {@code M_t[xi] = m[mo + xi·stride + t]}.
     */
    static void outputRows(double[] m, int mo, int stride, double bias, double[] buf, int bo, int ld, int from, int to) {
        for (int t = from; t < to; t++) {
            int at = mo + t;
            // A^T M: rows s0 = m0 + m1 + m2 and s1 = m1 - m2 - m3 of the 4 x 4 tile, column by column
            double s00 = m[at] + m[at + 4 * stride] + m[at + 8 * stride];
            double s01 = m[at + stride] + m[at + 5 * stride] + m[at + 9 * stride];
            double s02 = m[at + 2 * stride] + m[at + 6 * stride] + m[at + 10 * stride];
            double s03 = m[at + 3 * stride] + m[at + 7 * stride] + m[at + 11 * stride];
            double s10 = m[at + 4 * stride] - m[at + 8 * stride] - m[at + 12 * stride];
            double s11 = m[at + 5 * stride] - m[at + 9 * stride] - m[at + 13 * stride];
            double s12 = m[at + 6 * stride] - m[at + 10 * stride] - m[at + 14 * stride];
            double s13 = m[at + 7 * stride] - m[at + 11 * stride] - m[at + 15 * stride];
            buf[bo + t] = s00 + s01 + s02 + bias;
            buf[bo + ld + t] = s01 - s02 - s03 + bias;
            buf[bo + 2 * ld + t] = s10 + s11 + s12 + bias;
            buf[bo + 3 * ld + t] = s11 - s12 - s13 + bias;
        }
    }
}
