package org.backprop4j.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel set, loaded by name only when the {@code jdk.incubator.vector} module is
 * present. Float32 GEMM follows the BLIS loop order (Van Zee and van de Geijn, 2015): K in even
 * blocks ({@link GemmBlocking}), op(B) packed into panels three vectors wide, and a register tile
 * of 8 rows x 3 vectors (24 accumulators, {@code fma}), with 8 x 2- and 8 x 1-vector tiles for
 * narrower panels. Float64 and the kernels not overridden here are the plain ones.
 */
final class VectorKernels extends PlainKernels {
    // Use this one float species everywhere. A second one (say SPECIES_256 for a float-to-double
    // widening) makes the type profiles inside the shared Vector API methods polymorphic; C2 then
    // stops intrinsifying the GEMM kernels and every vector op allocates (measured: 1-145 MB per
    // training step instead of a few KB). That is why nothing here widens floats to doubles.
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 3 * L;
    private static final int MR = 8;
    // L bytes widen to L ints (the float shape) and convert to L floats; null below 8 lanes (no 32-bit byte shape)
    private static final VectorSpecies<Byte> BYTES = L >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8)) : null;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    // Float64 Adam stays scalar (PlainKernels#adam): a DoubleVector version of its last line was at times left
    // uncompiled by C2 in the test JVM and ran the Vector API's Java fallback, 3.4 KB per step of 136 elements
    // (NoAllocationTest, 1 run in 3); float64 is for checking, and correctly rounded scalar division and square
    // root give the same bits. Float32 cannot widen in vectors on JDK 17: it intrinsifies only conversions
    // that keep the lane count, so widening needs a half-width float species, and that one (as above)
    // made the training step allocate 1.9 MB (StepAllocationTest); converting half of an S vector is
    // not intrinsified (15 KB per Adam step of 136 elements, NoAllocationTest). Nor may a vector be
    // replaced under a condition (v = amsgrad ? max(..) : v): C2 boxes it (4.6 KB per step).
    // 2x2 max pooling splits 2L inputs of a row (vectors a, b) into the left and right taps of L
    // windows: lane i of even(a, b) is input 2i (a's lanes 2i for i < L/2, b's lanes 2i - L above),
    // of odd(a, b) input 2i + 1. A rearrange wraps its indices into [0, L); the blend picks b's half.
    private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(S, i -> 2 * i % L);
    private static final VectorShuffle<Float> ODD_LANES = VectorShuffle.fromOp(S, i -> (2 * i + 1) % L);
    private static final VectorMask<Float> UPPER_HALF = upperHalf();
    // lane i: lane L/2 + i (upper half to lower)
    private static final VectorShuffle<Float> UPPER_TO_LOWER = VectorShuffle.fromOp(S, i -> (L / 2 + i) % L);
    // FIRST_LANES[j]: lanes [0, j) set
    @SuppressWarnings("unchecked")
    private static final VectorMask<Float>[] FIRST_LANES = firstLanes();
    // lane i: 2i, the column offset of window i's left taps
    private static final float[] EVEN_COLUMNS = evenColumns();
    // 2x2 max pooling's backward pass spreads L windows over the 2L inputs of a row: lane i of the first L
    // inputs takes window i/2 of the vector (LEFT_WINDOWS), of the next L inputs window L/2 + i/2 (RIGHT_WINDOWS)
    private static final VectorShuffle<Float> LEFT_WINDOWS = VectorShuffle.fromOp(S, i -> i / 2);
    private static final VectorShuffle<Float> RIGHT_WINDOWS = VectorShuffle.fromOp(S, i -> L / 2 + i / 2);
    // lane i: i
    private static final FloatVector LANES = FloatVector.fromArray(S, lanes(), 0);

    /** Public no-argument constructor for the reflective lookup in {@link Kernels}. */
    VectorKernels() {
    }

    @Override
    String name() {
        return "vector";
    }

    @Override
    int columnUnit() {
        return L;
    }

    @Override
    void gemmBlock(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                   float[] c, int cOff, boolean accumulate, float[] rowBias, int biasOff, int i0, int i1, int j0, int j1) {
        int w = j1 - j0;
        int ars = ta ? 1 : k;
        int acs = ta ? m : 1;
        int nb = GemmBlocking.blocks(k);
        int wpadAll = (w + L - 1) / L * L;
        Scratch scratch = Scratch.get();
        float[] pack = scratch.packF(Math.min(k, GemmBlocking.KC) * wpadAll);
        float[] tmp = scratch.rowF(MR * NR);
        for (int bi = 0; bi < nb; bi++) {
            int p0 = GemmBlocking.start(k, bi, nb);
            int kc = GemmBlocking.start(k, bi + 1, nb) - p0;
            boolean add = accumulate || bi > 0;
            float[] bias = add ? null : rowBias; // the first block's sums start from the bias
            for (int jq = j0, wq; jq < j1; jq += wq) {
                wq = panelWidth(j1 - jq, ta);
                int wpad = (wq + L - 1) / L * L;
                int po = (jq - j0) * kc; // the panels before this one are whole vectors wide (unpadded)
                packPanel(tb, n, k, b, bOff, p0, kc, jq, wq, wpad, pack, po, scratch);
                int i = i0;
                // the widest register tile that fits the (zero-padded) panel: 3, 2 or 1 vectors
                if (wpad == NR) {
                    for (; i + MR <= i1; i += MR) {
                        kernel8x3(kc, a, aOff + i * ars + p0 * acs, ars, acs, pack, po, tmp);
                        addTile(tmp, NR, c, cOff + i * n + jq, n, MR, wq, add, bias, biasOff + i);
                    }
                } else if (wpad == 2 * L) {
                    for (; i + MR <= i1; i += MR) {
                        kernel8x2(kc, a, aOff + i * ars + p0 * acs, ars, acs, pack, po, tmp);
                        addTile(tmp, 2 * L, c, cOff + i * n + jq, n, MR, wq, add, bias, biasOff + i);
                    }
                } else {
                    if (columnTile(ta, wq)) {
                        i = columnTiles(kc, a, aOff + p0 * acs, acs, pack, po, tmp, c, cOff + jq, n, wq, add, bias,
                                biasOff, i, i1);
                    }
                    for (; i + MR <= i1; i += MR) {
                        kernel8x1(kc, a, aOff + i * ars + p0 * acs, ars, acs, pack, po, tmp);
                        addTile(tmp, L, c, cOff + i * n + jq, n, MR, wq, add, bias, biasOff + i);
                    }
                }
                for (; i < i1; i++) {
                    for (int s = 0; s < wpad; s += L) {
                        kernel1x1(kc, a, aOff + i * ars + p0 * acs, acs, pack, po + s, wpad, tmp);
                        addTile(tmp, L, c, cOff + i * n + jq + s, n, 1, Math.min(L, wq - s), add, bias, biasOff + i);
                    }
                }
            }
        }
    }

    /**
     * Width of the next panel given the columns left: three vectors, but two when the columns past three vectors
     * would make a last panel for the 8 x 1 tile (at most one vector, not taken by the column tile): then the same
     * multiply-adds run as two 8 x 2 tiles, faster than an 8 x 3 and an 8 x 1 (conv2's 64-column weight gradient:
     * about 6 % of the call). A few columns under a transposed A stay with the column tile, which does far fewer
     * (conv2's input gradient ends in 196 = 3 x 48 + 52 columns: split 32 + 20, it took 7 % longer).
     */
    private static int panelWidth(int left, boolean ta) {
        int rest = left - NR;
        return rest > 0 && rest <= L && !columnTile(ta, rest) ? 2 * L : Math.min(NR, left);
    }

    /**
     * Whether a panel {@code wq} columns wide takes the column tile ({@link #columnTiles}): under a transposed A and
     * narrower than a vector (a full vector keeps the 8 x 1 tile: with conv1's K = 9 the column tile's stores cost
     * more).
     */
    private static boolean columnTile(boolean ta, int wq) {
        return ta && wq < L && L >= 4;
    }

    /**
     * A panel narrower than a vector (an edge of a few columns, or a narrow C) under a transposed A: rows
     * {@code [i, i1)} 2L at a time through {@link #kernelColumns}, 4 columns per tile, A's columns read in place.
     * Returns the first row left for the other tiles.
     */
    private static int columnTiles(int kc, float[] a, int ap, int acs, float[] pack, int po, float[] tmp, float[] c,
                                   int co, int ldc, int wq, boolean add, float[] bias, int bo, int i, int i1) {
        for (; i + 2 * L <= i1; i += 2 * L) {
            for (int j = 0; j < wq; j += 4) {
                kernelColumns(kc, a, ap + i, acs, pack, po + j, tmp);
                addColumns(tmp, c, co + i * ldc + j, ldc, Math.min(4, wq - j), add, bias, bo + i);
            }
        }
        return i;
    }

    /** Packs op(B)[p0..p0+kc, jq..jq+wq) row by row, wpad wide (zero padded), at pack[po..]. */
    private static void packPanel(boolean tb, int n, int k, float[] b, int bOff, int p0, int kc, int jq, int wq,
                                  int wpad, float[] pack, int po, Scratch scratch) {
        if (!tb) {
            // whole vectors by arraycopy; a last partial vector (an edge panel of a few columns: an arraycopy
            // that short costs more than its multiply-adds) as one load blended with zeros, where it stays in b
            int full = wq / L * L;
            VectorMask<Float> part = FIRST_LANES[wq - full];
            int last = b.length - L;
            for (int p = 0; p < kc; p++) {
                int dst = po + p * wpad;
                int src = bOff + (p0 + p) * n + jq;
                if (full > 0) {
                    System.arraycopy(b, src, pack, dst, full);
                }
                if (full == wq) {
                    continue;
                }
                packPartial(b, src, full, wq, wpad, src + full <= last, part, pack, dst);
            }
        } else {
            // transposed B: each packed row gathers L values k apart (one column of B^T per lane); with 16 lanes
            // the whole 16 x 16 blocks are transposed in registers instead (Transpose16: cheaper than 16 gathers)
            int gathered = (long) (L - 1) * k <= Integer.MAX_VALUE ? wq / L * L : 0;
            if (gathered > 0) {
                int[] index = scratch.gatherIndex(k, L);
                int blocked = L == 16 ? kc / 16 * 16 : 0;
                float[] block = blocked > 0 ? scratch.blockF() : null;
                for (int s = 0; s < gathered; s += L) {
                    int src = bOff + (jq + s) * k + p0;
                    int p = 0;
                    for (; p < blocked; p += 16) {
                        Transpose16.transpose(b, src + p, k, pack, po + p * wpad + s, wpad, block);
                    }
                    if (L == 16) {
                        // the few rows left are copied value by value: a gather this rare was at times compiled
                        // without its intrinsic, and then it boxed (200 KB a CNN step, CnnStepGarbageTest)
                        for (; p < kc; p++) {
                            for (int lane = 0, at = po + p * wpad + s; lane < L; lane++) {
                                pack[at + lane] = b[src + lane * k + p];
                            }
                        }
                    }
                    for (; p < kc; p++) {
                        FloatVector.fromArray(S, b, src + p, index, 0).intoArray(pack, po + p * wpad + s);
                    }
                }
            }
            for (int j = gathered; j < wq; j++) {
                int src = bOff + (jq + j) * k + p0;
                int dst = po + j;
                for (int p = 0; p < kc; p++) {
                    pack[dst + p * wpad] = b[src + p];
                }
            }
            for (int j = wq; j < wpad; j++) {
                for (int p = 0; p < kc; p++) {
                    pack[po + p * wpad + j] = 0f;
                }
            }
        }
    }

    /** Packed row columns [full, wpad) from {@code b[src + full ..]}: the first {@code wq - full} values, then zeros. */
    private static void packPartial(float[] b, int src, int full, int wq, int wpad, boolean oneLoad,
                                    VectorMask<Float> part, float[] pack, int dst) {
        if (oneLoad) {
            FloatVector.zero(S).blend(FloatVector.fromArray(S, b, src + full), part).intoArray(pack, dst + full);
        } else {
            for (int j = full; j < wpad; j++) {
                pack[dst + j] = j < wq ? b[src + j] : 0f;
            }
        }
    }

    /** The 8 x 3-vector register tile: tmp[8, NR] = A[8, kc] · panel[kc, NR]. */
    private static void kernel8x3(int kc, float[] a, int ap, int ars, int acs, float[] bp, int bo, float[] tmp) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z;
        FloatVector c10 = z, c11 = z, c12 = z;
        FloatVector c20 = z, c21 = z, c22 = z;
        FloatVector c30 = z, c31 = z, c32 = z;
        FloatVector c40 = z, c41 = z, c42 = z;
        FloatVector c50 = z, c51 = z, c52 = z;
        FloatVector c60 = z, c61 = z, c62 = z;
        FloatVector c70 = z, c71 = z, c72 = z;
        int r1 = 1 * ars;
        int r2 = 2 * ars;
        int r3 = 3 * ars;
        int r4 = 4 * ars;
        int r5 = 5 * ars;
        int r6 = 6 * ars;
        int r7 = 7 * ars;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector av;
            av = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(av, c00);
            c01 = b1.fma(av, c01);
            c02 = b2.fma(av, c02);
            av = FloatVector.broadcast(S, a[ap + r1]);
            c10 = b0.fma(av, c10);
            c11 = b1.fma(av, c11);
            c12 = b2.fma(av, c12);
            av = FloatVector.broadcast(S, a[ap + r2]);
            c20 = b0.fma(av, c20);
            c21 = b1.fma(av, c21);
            c22 = b2.fma(av, c22);
            av = FloatVector.broadcast(S, a[ap + r3]);
            c30 = b0.fma(av, c30);
            c31 = b1.fma(av, c31);
            c32 = b2.fma(av, c32);
            av = FloatVector.broadcast(S, a[ap + r4]);
            c40 = b0.fma(av, c40);
            c41 = b1.fma(av, c41);
            c42 = b2.fma(av, c42);
            av = FloatVector.broadcast(S, a[ap + r5]);
            c50 = b0.fma(av, c50);
            c51 = b1.fma(av, c51);
            c52 = b2.fma(av, c52);
            av = FloatVector.broadcast(S, a[ap + r6]);
            c60 = b0.fma(av, c60);
            c61 = b1.fma(av, c61);
            c62 = b2.fma(av, c62);
            av = FloatVector.broadcast(S, a[ap + r7]);
            c70 = b0.fma(av, c70);
            c71 = b1.fma(av, c71);
            c72 = b2.fma(av, c72);
            bo += NR;
            ap += acs;
        }
        // the caller adds the spilled tile into C: a kernel this size with the C update inlined can
        // exceed C2's node budget, and then fma and the loads are no longer intrinsified (they box)
        c00.intoArray(tmp, 0 * L);
        c01.intoArray(tmp, 1 * L);
        c02.intoArray(tmp, 2 * L);
        c10.intoArray(tmp, 3 * L);
        c11.intoArray(tmp, 4 * L);
        c12.intoArray(tmp, 5 * L);
        c20.intoArray(tmp, 6 * L);
        c21.intoArray(tmp, 7 * L);
        c22.intoArray(tmp, 8 * L);
        c30.intoArray(tmp, 9 * L);
        c31.intoArray(tmp, 10 * L);
        c32.intoArray(tmp, 11 * L);
        c40.intoArray(tmp, 12 * L);
        c41.intoArray(tmp, 13 * L);
        c42.intoArray(tmp, 14 * L);
        c50.intoArray(tmp, 15 * L);
        c51.intoArray(tmp, 16 * L);
        c52.intoArray(tmp, 17 * L);
        c60.intoArray(tmp, 18 * L);
        c61.intoArray(tmp, 19 * L);
        c62.intoArray(tmp, 20 * L);
        c70.intoArray(tmp, 21 * L);
        c71.intoArray(tmp, 22 * L);
        c72.intoArray(tmp, 23 * L);
    }

    /** The two-vector edge tile: tmp[8, 2L] = A[8, kc] · panel[kc, two vectors] (a panel 2L wide). */
    private static void kernel8x2(int kc, float[] a, int ap, int ars, int acs, float[] bp, int bo, float[] tmp) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int r1 = 1 * ars;
        int r2 = 2 * ars;
        int r3 = 3 * ars;
        int r4 = 4 * ars;
        int r5 = 5 * ars;
        int r6 = 6 * ars;
        int r7 = 7 * ars;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av;
            av = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(av, c00);
            c01 = b1.fma(av, c01);
            av = FloatVector.broadcast(S, a[ap + r1]);
            c10 = b0.fma(av, c10);
            c11 = b1.fma(av, c11);
            av = FloatVector.broadcast(S, a[ap + r2]);
            c20 = b0.fma(av, c20);
            c21 = b1.fma(av, c21);
            av = FloatVector.broadcast(S, a[ap + r3]);
            c30 = b0.fma(av, c30);
            c31 = b1.fma(av, c31);
            av = FloatVector.broadcast(S, a[ap + r4]);
            c40 = b0.fma(av, c40);
            c41 = b1.fma(av, c41);
            av = FloatVector.broadcast(S, a[ap + r5]);
            c50 = b0.fma(av, c50);
            c51 = b1.fma(av, c51);
            av = FloatVector.broadcast(S, a[ap + r6]);
            c60 = b0.fma(av, c60);
            c61 = b1.fma(av, c61);
            av = FloatVector.broadcast(S, a[ap + r7]);
            c70 = b0.fma(av, c70);
            c71 = b1.fma(av, c71);
            bo += 2 * L;
            ap += acs;
        }
        c00.intoArray(tmp, 0 * L);
        c01.intoArray(tmp, 1 * L);
        c10.intoArray(tmp, 2 * L);
        c11.intoArray(tmp, 3 * L);
        c20.intoArray(tmp, 4 * L);
        c21.intoArray(tmp, 5 * L);
        c30.intoArray(tmp, 6 * L);
        c31.intoArray(tmp, 7 * L);
        c40.intoArray(tmp, 8 * L);
        c41.intoArray(tmp, 9 * L);
        c50.intoArray(tmp, 10 * L);
        c51.intoArray(tmp, 11 * L);
        c60.intoArray(tmp, 12 * L);
        c61.intoArray(tmp, 13 * L);
        c70.intoArray(tmp, 14 * L);
        c71.intoArray(tmp, 15 * L);
    }

    /** The one-vector edge tile: tmp[8, L] = A[8, kc] · panel[kc, one vector] (a panel L wide). */
    private static void kernel8x1(int kc, float[] a, int ap, int ars, int acs, float[] bp, int bo, float[] tmp) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int r1 = 1 * ars;
        int r2 = 2 * ars;
        int r3 = 3 * ars;
        int r4 = 4 * ars;
        int r5 = 5 * ars;
        int r6 = 6 * ars;
        int r7 = 7 * ars;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            c0 = b0.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(S, a[ap + r1]), c1);
            c2 = b0.fma(FloatVector.broadcast(S, a[ap + r2]), c2);
            c3 = b0.fma(FloatVector.broadcast(S, a[ap + r3]), c3);
            c4 = b0.fma(FloatVector.broadcast(S, a[ap + r4]), c4);
            c5 = b0.fma(FloatVector.broadcast(S, a[ap + r5]), c5);
            c6 = b0.fma(FloatVector.broadcast(S, a[ap + r6]), c6);
            c7 = b0.fma(FloatVector.broadcast(S, a[ap + r7]), c7);
            bo += L;
            ap += acs;
        }
        c0.intoArray(tmp, 0 * L);
        c1.intoArray(tmp, 1 * L);
        c2.intoArray(tmp, 2 * L);
        c3.intoArray(tmp, 3 * L);
        c4.intoArray(tmp, 4 * L);
        c5.intoArray(tmp, 5 * L);
        c6.intoArray(tmp, 6 * L);
        c7.intoArray(tmp, 7 * L);
    }

    /**
     * The narrow-panel tile for a transposed A (A's columns contiguous): tmp[j, 2L] = (A[2L, kc] · panel[kc, j])
     * for 4 columns j of the panel from {@code bo}, the 2L rows in the lanes of two vectors. Each product
     * broadcasts one value of B where the 8 x 1 tile broadcasts one of A, so an edge of a few columns costs a
     * few multiply-adds per k instead of a vector of mostly idle lanes per row (conv2's 196 = 12 vectors + 4
     * columns: 1.0-1.3 ms less per call; an MLP's 10-wide weight gradient about 1.7x faster); every element is
     * still summed in ascending k from zero, so the result has the bits of the other tiles.
     */
    private static void kernelColumns(int kc, float[] a, int ap, int acs, float[] bp, int bo, float[] tmp) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector a0 = FloatVector.fromArray(S, a, ap);
            FloatVector a1 = FloatVector.fromArray(S, a, ap + L);
            FloatVector bv;
            bv = FloatVector.broadcast(S, bp[bo]);
            c00 = a0.fma(bv, c00);
            c10 = a1.fma(bv, c10);
            bv = FloatVector.broadcast(S, bp[bo + 1]);
            c01 = a0.fma(bv, c01);
            c11 = a1.fma(bv, c11);
            bv = FloatVector.broadcast(S, bp[bo + 2]);
            c02 = a0.fma(bv, c02);
            c12 = a1.fma(bv, c12);
            bv = FloatVector.broadcast(S, bp[bo + 3]);
            c03 = a0.fma(bv, c03);
            c13 = a1.fma(bv, c13);
            bo += L;
            ap += acs;
        }
        c00.intoArray(tmp, 0 * L);
        c10.intoArray(tmp, 1 * L);
        c01.intoArray(tmp, 2 * L);
        c11.intoArray(tmp, 3 * L);
        c02.intoArray(tmp, 4 * L);
        c12.intoArray(tmp, 5 * L);
        c03.intoArray(tmp, 6 * L);
        c13.intoArray(tmp, 7 * L);
    }

    /** C[2L rows, cols] (+)= the column-major tile of {@link #kernelColumns}; {@code tile + c}, as {@link #addTile}. */
    private static void addColumns(float[] tile, float[] c, int co, int ldc, int cols, boolean add, float[] bias, int bo) {
        for (int j = 0; j < cols; j++) {
            int t = j * 2 * L;
            for (int r = 0, o = co + j; r < 2 * L; r++, o += ldc) {
                c[o] = add ? tile[t + r] + c[o] : bias != null ? tile[t + r] + bias[bo + r] : tile[t + r];
            }
        }
    }

    /** One row of one vector: the remainder rows below the last full 8-row tile. */
    private static void kernel1x1(int kc, float[] a, int ap, int acs, float[] bp, int bo, int stride,
                                  float[] tmp) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            acc = FloatVector.fromArray(S, bp, bo).fma(FloatVector.broadcast(S, a[ap]), acc);
            bo += stride;
            ap += acs;
        }
        acc.intoArray(tmp, 0);
    }

    /**
     * C[rows, cols] (+)= tile[rows, cols], the tile's rows {@code stride} apart; {@code tile + c}, as the plain set
     * adds; or, not adding, with a bias, {@code tile + bias[bo + r]} on row r (C's start value, see
     * {@link KernelSet#gemmBlock(boolean, boolean, int, int, int, float[], int, float[], int, float[], int, boolean, float[], int, int, int, int, int)}).
     */
    private static void addTile(float[] tile, int stride, float[] c, int co, int ldc, int rows, int cols, boolean add,
                                float[] bias, int bo) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int t = r * stride;
            int o = co + r * ldc;
            float start = bias == null ? 0f : bias[bo + r];
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(S, tile, t + j);
                if (add) {
                    v = v.add(FloatVector.fromArray(S, c, o + j));
                } else if (bias != null) {
                    v = v.add(start);
                }
                v.intoArray(c, o + j);
            }
            for (; j < cols; j++) {
                c[o + j] = add ? tile[t + j] + c[o + j] : bias != null ? tile[t + j] + start : tile[t + j];
            }
        }
    }

    @Override
    void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = x[xo + i] + y[yo + i];
        }
    }

    @Override
    void addThree(float[] x, int xo, float[] c, int c0, int c1, int c2, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, c, c0 + i))
                    .add(FloatVector.fromArray(S, c, c1 + i)).add(FloatVector.fromArray(S, c, c2 + i)).intoArray(x, xo + i);
        }
        for (; i < n; i++) {
            x[xo + i] = x[xo + i] + c[c0 + i] + c[c1 + i] + c[c2 + i];
        }
    }

    // The Winograd transforms: WinogradLoopsF32's row loops a vector of columns at a time, the same adds in the same
    // order (so the same bits); the last vector ends at the last column, overlapping the one before (its columns are
    // computed twice, the same values), or, for fewer columns than a vector, the scalar loops.
    @Override
    void winogradInput(float[] p, int po, int rowStep, int phase, float[] v, int vo, int stride, int count) {
        if (count < L) {
            WinogradLoopsF32.inputRows(p, po, rowStep, phase, v, vo, stride, 0, count);
            return;
        }
        for (int i = 0; i < 4; i++) {
            int a0 = WinogradLoopsF32.inputRow(po, rowStep, phase, WinogradLoopsF32.inputFirst(i));
            int b0 = WinogradLoopsF32.inputRow(po, rowStep, phase, WinogradLoopsF32.inputSecond(i));
            int a1 = a0 + phase;
            int b1 = b0 + phase;
            float sign = WinogradLoopsF32.inputSign(i);
            int at = vo + 4 * i * stride;
            for (int start = 0; start < count; start += L) {
                int t = Math.min(start, count - L);
                FloatVector e0 = FloatVector.fromArray(S, p, a0 + t).add(FloatVector.fromArray(S, p, b0 + t).mul(sign));
                FloatVector e1 = FloatVector.fromArray(S, p, a1 + t).add(FloatVector.fromArray(S, p, b1 + t).mul(sign));
                FloatVector e2 = FloatVector.fromArray(S, p, a0 + t + 1)
                        .add(FloatVector.fromArray(S, p, b0 + t + 1).mul(sign));
                FloatVector e3 = FloatVector.fromArray(S, p, a1 + t + 1)
                        .add(FloatVector.fromArray(S, p, b1 + t + 1).mul(sign));
                e0.sub(e2).intoArray(v, at + t);
                e1.add(e2).intoArray(v, at + stride + t);
                e2.sub(e1).intoArray(v, at + 2 * stride + t);
                e1.sub(e3).intoArray(v, at + 3 * stride + t);
            }
        }
    }

    @Override
    void winogradOutputGradient(float[] buf, int bo, int ld, float[] dm, int mo, int stride, int count) {
        if (count < L) {
            WinogradGradientLoopsF32.outputGradientRows(buf, bo, ld, dm, mo, stride, 0, count);
            return;
        }
        for (int start = 0; start < count; start += L) {
            int t = Math.min(start, count - L);
            FloatVector y00 = FloatVector.fromArray(S, buf, bo + t);
            FloatVector y01 = FloatVector.fromArray(S, buf, bo + ld + t);
            FloatVector y10 = FloatVector.fromArray(S, buf, bo + 2 * ld + t);
            FloatVector y11 = FloatVector.fromArray(S, buf, bo + 3 * ld + t);
            FloatVector p1 = y00.add(y10);
            FloatVector q1 = y01.add(y11);
            FloatVector p2 = y00.sub(y10);
            FloatVector q2 = y01.sub(y11);
            int at = mo + t;
            y00.intoArray(dm, at);
            y00.add(y01).intoArray(dm, at + stride);
            y00.sub(y01).intoArray(dm, at + 2 * stride);
            y01.neg().intoArray(dm, at + 3 * stride);
            p1.intoArray(dm, at + 4 * stride);
            p1.add(q1).intoArray(dm, at + 5 * stride);
            p1.sub(q1).intoArray(dm, at + 6 * stride);
            q1.neg().intoArray(dm, at + 7 * stride);
            p2.intoArray(dm, at + 8 * stride);
            p2.add(q2).intoArray(dm, at + 9 * stride);
            p2.sub(q2).intoArray(dm, at + 10 * stride);
            q2.neg().intoArray(dm, at + 11 * stride);
            y10.neg().intoArray(dm, at + 12 * stride);
            y10.neg().sub(y11).intoArray(dm, at + 13 * stride);
            y11.sub(y10).intoArray(dm, at + 14 * stride);
            y11.intoArray(dm, at + 15 * stride);
        }
    }

    @Override
    void winogradOutput(float[] m, int mo, int stride, int count, float bias, float[] buf, int bo, int ld) {
        if (count < L) {
            WinogradLoopsF32.outputRows(m, mo, stride, bias, buf, bo, ld, 0, count);
            return;
        }
        for (int start = 0; start < count; start += L) {
            int t = Math.min(start, count - L);
            int at = mo + t;
            FloatVector m4 = FloatVector.fromArray(S, m, at + 4 * stride);
            FloatVector m5 = FloatVector.fromArray(S, m, at + 5 * stride);
            FloatVector m6 = FloatVector.fromArray(S, m, at + 6 * stride);
            FloatVector m7 = FloatVector.fromArray(S, m, at + 7 * stride);
            FloatVector m8 = FloatVector.fromArray(S, m, at + 8 * stride);
            FloatVector m9 = FloatVector.fromArray(S, m, at + 9 * stride);
            FloatVector m10 = FloatVector.fromArray(S, m, at + 10 * stride);
            FloatVector m11 = FloatVector.fromArray(S, m, at + 11 * stride);
            FloatVector s00 = FloatVector.fromArray(S, m, at).add(m4).add(m8);
            FloatVector s01 = FloatVector.fromArray(S, m, at + stride).add(m5).add(m9);
            FloatVector s02 = FloatVector.fromArray(S, m, at + 2 * stride).add(m6).add(m10);
            FloatVector s03 = FloatVector.fromArray(S, m, at + 3 * stride).add(m7).add(m11);
            FloatVector s10 = m4.sub(m8).sub(FloatVector.fromArray(S, m, at + 12 * stride));
            FloatVector s11 = m5.sub(m9).sub(FloatVector.fromArray(S, m, at + 13 * stride));
            FloatVector s12 = m6.sub(m10).sub(FloatVector.fromArray(S, m, at + 14 * stride));
            FloatVector s13 = m7.sub(m11).sub(FloatVector.fromArray(S, m, at + 15 * stride));
            s00.add(s01).add(s02).add(bias).intoArray(buf, bo + t);
            s01.sub(s02).sub(s03).add(bias).intoArray(buf, bo + ld + t);
            s10.add(s11).add(s12).add(bias).intoArray(buf, bo + 2 * ld + t);
            s11.sub(s12).sub(s13).add(bias).intoArray(buf, bo + 3 * ld + t);
        }
    }

    @Override
    void biasAct(float[] x, int xo, float[] bias, int bo, float[] out, int oo, int rows, int cols, boolean relu) {
        FloatVector z = FloatVector.zero(S);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int xr = xo + r * cols;
            int or = oo + r * cols;
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector v = FloatVector.fromArray(S, x, xr + c).add(FloatVector.fromArray(S, bias, bo + c));
                if (relu) {
                    v = z.blend(v, v.compare(VectorOperators.GT, 0f));
                }
                v.intoArray(out, or + c);
            }
            for (; c < cols; c++) {
                float v = x[xr + c] + bias[bo + c];
                out[or + c] = relu ? (v > 0 ? v : 0f) : v;
            }
        }
    }

    @Override
    void reluBackward(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
        FloatVector z = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> pos = FloatVector.fromArray(S, y, yo + i).compare(VectorOperators.GT, 0f);
            z.blend(FloatVector.fromArray(S, g, go + i), pos).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = y[yo + i] > 0 ? g[go + i] : 0f;
        }
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] firstLanes() {
        VectorMask<Float>[] masks = new VectorMask[L + 1];
        for (int j = 0; j <= L; j++) {
            boolean[] set = new boolean[L];
            java.util.Arrays.fill(set, 0, j, true);
            masks[j] = VectorMask.fromArray(S, set, 0);
        }
        return masks;
    }

    private static VectorMask<Float> upperHalf() {
        boolean[] upper = new boolean[L];
        for (int i = L / 2; i < L; i++) {
            upper[i] = true;
        }
        return VectorMask.fromArray(S, upper, 0);
    }

    private static float[] lanes() {
        float[] c = new float[L];
        for (int i = 0; i < L; i++) {
            c[i] = i;
        }
        return c;
    }

    private static float[] evenColumns() {
        float[] c = new float[L];
        for (int i = 0; i < L; i++) {
            c[i] = 2 * i;
        }
        return c;
    }

    /**
     * L windows at a time along each output row: both input rows' 2L values (vectors a0, a1 and b0, b1) split
     * into left and right taps ({@link #halves}), then the row-major scan of {@link Pool2dKernels} as masks and
     * blends, without a branch: the right tap over the left, per row, then the lower row's winner over
     * the upper's. PyTorch's rule (v takes over when {@code v > max} or v is NaN) is the same when
     * folded pairwise in this order, as a winner is the first maximum or the last NaN either way.
     * Rows of at most L/2 windows (pool2's 7 of 16 lanes) go two at a time: a1 and b1 come from the next
     * output row's input rows (maybe the next plane's), so the split puts this row's windows in lanes
     * [0, L/2) and the next row's in [L/2, L), which a rearrange ({@link #UPPER_TO_LOWER}) then stores
     * after this row's: per output row half the loads, rearranges and compares of a vector per row.
     * A vector's lanes past the row's end read the next row (or plane) and store garbage into the
     * next outputs, which the next rows then overwrite; windows whose loads or stores would leave
     * the arrays or this call's planes take the scalar {@link Pool2dKernels#argmax}.
     * With {@code relu} only the left taps go through ReLU: a raw right tap r wins over a left tap's
     * {@code max(0, l) >= +0} exactly when its own {@code max(0, r)} would (then r > 0, the same value), and
     * ties among the zeros stay with the first tap, as in the scan; a raw NaN right tap then does not win.
     * Both row widths run the same loop body, and no helper here takes vectors beyond a couple of operations:
     * C2 inlines a bigger one only while its standalone code, if any, is under {@code InlineSmallCode}, and
     * otherwise every call boxes its vectors; two copies of the body pass C2's node budget for inlining.
     */
    @Override
    boolean maxPool2x2(float[] x, Window2d g, boolean relu, int p0, int p1, float[] y, float[] where) {
        if (L < 2) {
            return false;
        }
        int w = g.w();
        int oh = g.outH();
        int ow = g.outW();
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int end = p1 * outPlane;
        boolean pairs = ow <= L / 2; // two output rows per vector
        FloatVector columns = FloatVector.fromArray(S, EVEN_COLUMNS, 0);
        FloatVector one = FloatVector.broadcast(S, 1f);
        // every lane unless relu: where values pass unchanged and a NaN wins (a mask, as a vector chosen under a
        // condition is boxed when C2 keeps that condition in the loop: 314 KB per call with both relu values hot)
        VectorMask<Float> raw = LANES.compare(VectorOperators.LT, relu ? 0 : L);
        for (int p = p0, r = 0, o = p0 * outPlane; p < p1 && oh > 0; ) {
            int in = p * inPlane;
            int top = in + 2 * r * w; // tap (0, 0) of window (r, 0)
            boolean last = r == oh - 1;
            int nextTop = last ? in + inPlane : top + 2 * w; // of the next output row's window 0
            int nextFirst = last ? 0 : 2 * (r + 1) * w; // the same within its plane
            // lane i's left tap within the plane: 2r·W + 2i, or paired, in lanes from L/2 the next row's
            FloatVector rowColumns = columns.add(2 * r * w).add(pairs ? nextFirst - 2 * r * w - L : 0, UPPER_HALF);
            int q = 0;
            for (; q < ow; q += L) {
                int t = top + 2 * q;
                int t1 = pairs ? nextTop : t + L; // a1's first value
                if (t1 + w + L > x.length || o + q + (pairs ? ow : 0) + L > end) {
                    break;
                }
                FloatVector a0 = FloatVector.fromArray(S, x, t);
                FloatVector a1 = FloatVector.fromArray(S, x, t1);
                FloatVector b0 = FloatVector.fromArray(S, x, t + w);
                FloatVector b1 = FloatVector.fromArray(S, x, t1 + w);
                FloatVector upperLeft = read(halves(a0, a1, EVEN_LANES), raw);
                FloatVector upperRight = halves(a0, a1, ODD_LANES);
                FloatVector lowerLeft = read(halves(b0, b1, EVEN_LANES), raw);
                FloatVector lowerRight = halves(b0, b1, ODD_LANES);
                VectorMask<Float> upperTakesRight = wins(upperRight, upperLeft, raw);
                VectorMask<Float> lowerTakesRight = wins(lowerRight, lowerLeft, raw);
                FloatVector upper = upperLeft.blend(upperRight, upperTakesRight);
                FloatVector lower = lowerLeft.blend(lowerRight, lowerTakesRight);
                VectorMask<Float> lowerTakes = wins(lower, upper, raw);
                FloatVector max = upper.blend(lower, lowerTakes);
                // the winner's index within the plane: the left tap, +1 right, +W lower
                FloatVector left = rowColumns.add(2 * q);
                FloatVector upperAt = left.add(one, upperTakesRight);
                FloatVector lowerAt = left.add(w).add(one, lowerTakesRight);
                FloatVector at = upperAt.blend(lowerAt, lowerTakes);
                max.intoArray(y, o + q);
                at.intoArray(where, o + q);
                if (pairs) {
                    max.rearrange(UPPER_TO_LOWER).intoArray(y, o + ow);
                    at.rearrange(UPPER_TO_LOWER).intoArray(where, o + ow);
                }
            }
            int rows = pairs && q > 0 ? 2 : 1; // output rows done
            for (; q < ow; q++) {
                int at = Pool2dKernels.argmax(x, in, g, r, q, relu);
                y[o + q] = Pool2dKernels.read(x[in + at], relu);
                where[o + q] = at;
            }
            for (int k = 0; k < rows; k++) {
                o += ow;
                if (++r == oh) {
                    r = 0;
                    p++;
                }
            }
        }
        return true;
    }

    /**
     * L windows at a time along each row of windows: their gradients ({@code +0 + masked dy}, as
     * {@link Pool2dKernels#unpoolWindows}, with a blend for ReLU's mask) and winners spread over the 2L inputs of
     * each of the windows' two rows ({@link #LEFT_WINDOWS}, {@link #RIGHT_WINDOWS}), and each input gets its window's
     * gradient where the winner's index is its own, else +0. Only a row's last vector can pass the row's end, and it
     * goes first: its upper row's spare lanes store garbage into the lower row, which its own lower stores or the
     * row's other vectors then overwrite (a lower row's spare lanes, the next rows). Windows whose loads would pass
     * this call's windows or whose stores would pass its planes are left to {@link Pool2dKernels#unpoolWindows},
     * as an odd width's last column; an odd height's last row, in no window, gets +0.
     */
    @Override
    boolean maxBackward2x2(float[] where, float[] dy, float[] y, Window2d g, int p0, int p1, float[] dx) {
        if (L < 2) {
            return false;
        }
        int w = g.w();
        int oh = g.outH();
        int ow = g.outW();
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int outEnd = p1 * outPlane;
        int inEnd = p1 * inPlane;
        FloatVector zero = FloatVector.zero(S);
        for (int p = p0; p < p1; p++) {
            int in = p * inPlane;
            for (int r = 0, o = p * outPlane; r < oh; r++, o += ow) {
                int first = 2 * r * w; // within the plane, tap (0, 0) of window (r, 0)
                int top = in + first;
                int done = 0;
                while (done < ow && o + done + L <= outEnd && top + w + 2 * (done + L) <= inEnd) {
                    done += L;
                }
                for (int q = done - L; q >= 0; q -= L) {
                    FloatVector grad = zero.add(masked(FloatVector.fromArray(S, dy, o + q), y, o + q));
                    FloatVector winner = FloatVector.fromArray(S, where, o + q);
                    FloatVector own = LANES.add(first + 2 * q); // each upper input's index within the plane
                    FloatVector leftGrad = grad.rearrange(LEFT_WINDOWS);
                    FloatVector leftWinner = winner.rearrange(LEFT_WINDOWS);
                    if (q + L / 2 < ow) {
                        FloatVector rightGrad = grad.rearrange(RIGHT_WINDOWS);
                        FloatVector rightWinner = winner.rearrange(RIGHT_WINDOWS);
                        unpool(leftGrad, leftWinner, own, dx, top + 2 * q);
                        unpool(rightGrad, rightWinner, own.add(L), dx, top + 2 * q + L);
                        unpool(leftGrad, leftWinner, own.add(w), dx, top + w + 2 * q);
                        unpool(rightGrad, rightWinner, own.add(w + L), dx, top + w + 2 * q + L);
                    } else {
                        unpool(leftGrad, leftWinner, own, dx, top + 2 * q);
                        unpool(leftGrad, leftWinner, own.add(w), dx, top + w + 2 * q);
                    }
                }
                Pool2dKernels.unpoolWindows(where, dy, y, w, ow, in, top, o, Math.min(done, ow), dx);
            }
            java.util.Arrays.fill(dx, in + 2 * oh * w, in + inPlane, 0f);
        }
        return true;
    }

    /** dy[o..o+L), or with ReLU (y not null) +0 where {@code y <= 0} or NaN. */
    private static FloatVector masked(FloatVector dy, float[] y, int o) {
        return y == null ? dy : FloatVector.zero(S).blend(dy, FloatVector.fromArray(S, y, o).compare(VectorOperators.GT, 0f));
    }

    /** {@code dx[at + i] = grad[i]} where {@code winner[i] == own[i]}, else +0. */
    private static void unpool(FloatVector grad, FloatVector winner, FloatVector own, float[] dx, int at) {
        FloatVector.zero(S).blend(grad, winner.compare(VectorOperators.EQ, own)).intoArray(dx, at);
    }

    /**
     * The values max pooling reads: v in the {@code raw} lanes, else {@code max(0, v)} (NaN and -0 as +0, as
     * {@link Pool2dKernels#read}).
     */
    private static FloatVector read(FloatVector v, VectorMask<Float> raw) {
        return FloatVector.zero(S).blend(v, v.compare(VectorOperators.GT, 0f).or(raw));
    }

    /** Lanes of a and b (2L consecutive values) picked by an {@link #EVEN_LANES} or {@link #ODD_LANES} shuffle. */
    private static FloatVector halves(FloatVector a, FloatVector b, VectorShuffle<Float> lanes) {
        return a.rearrange(lanes).blend(b.rearrange(lanes), UPPER_HALF);
    }

    /**
     * Lanes where v takes over from max in a row-major max-pooling scan: {@code v > max}, or v is NaN in a
     * {@code nanWins} lane.
     */
    private static VectorMask<Float> wins(FloatVector v, FloatVector max, VectorMask<Float> nanWins) {
        return v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v).and(nanWins));
    }

    @Override
    boolean directConv2d() {
        return L == DirectConv2d.CHAINS;
    }

    @Override
    void directForward(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, float[] w, int wo,
                       int og, float[] b, int bo, float[] y, int yo) {
        if (!VectorDirectConv.forward(xp, xpo, taps, patch, rowStep, outH, outW, w, wo, og, b, bo, y, yo)) {
            super.directForward(xp, xpo, taps, patch, rowStep, outH, outW, w, wo, og, b, bo, y, yo);
        }
    }

    @Override
    void directWeightGradient(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                              float[] dy, int dyo, int og, float[] lanes, int lo, boolean acc) {
        if (!VectorDirectConv.weightGradient(xp, xpo, taps, patch, rowStep, outH, outW, dy, dyo, og, lanes, lo, acc)) {
            super.directWeightGradient(xp, xpo, taps, patch, rowStep, outH, outW, dy, dyo, og, lanes, lo, acc);
        }
    }

    @Override
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    @Override
    void unsignedBytesToFloats(byte[] src, int so, float[] out, int oo, int n, float divisor) {
        int i = 0;
        if (BYTES != null) {
            for (int bound = n - L; i <= bound; i += L) {
                IntVector v = (IntVector) ByteVector.fromArray(BYTES, src, so + i).convertShape(VectorOperators.B2I, INTS, 0);
                // the same IEEE division as the scalar (v & 0xff) / divisor, lane by lane
                ((FloatVector) v.and(0xff).convertShape(VectorOperators.I2F, S, 0)).div(divisor).intoArray(out, oo + i);
            }
        }
        for (; i < n; i++) {
            out[oo + i] = (src[so + i] & 0xff) / divisor;
        }
    }

    @Override
    void columnSums(float[] x, int xo, int rows, int cols, int ld, float[] out, int oo, boolean accumulate) {
        int c = 0;
        for (int bound = S.loopBound(cols); c < bound; c += L) {
            FloatVector acc = accumulate ? FloatVector.fromArray(S, out, oo + c) : FloatVector.zero(S);
            for (int r = 0; r < rows; r++) {
                acc = acc.add(FloatVector.fromArray(S, x, xo + r * ld + c));
            }
            acc.intoArray(out, oo + c);
        }
        for (; c < cols; c++) {
            float s = accumulate ? out[oo + c] : 0f;
            for (int r = 0; r < rows; r++) {
                s += x[xo + r * ld + c];
            }
            out[oo + c] = s;
        }
    }

    @Override
    boolean allFinite(float[] x, int off, int n) {
        FloatVector zeros = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            zeros = zeros.add(FloatVector.fromArray(S, x, off + i).mul(0f)); // NaN in a lane once it saw NaN or ±∞
        }
        return zeros.reduceLanes(VectorOperators.ADD) == 0f && super.allFinite(x, off + i, n - i);
    }

    @Override
    boolean adam(float[] p, float[] grad, float[] m, float[] v, float[] vmax, float[][] twin, int from, int to,
                 AdamCoefficients c) {
        float[] pOld = twin == null ? null : twin[0];
        float[] mOut = twin == null ? m : twin[1];
        float[] vOut = twin == null ? v : twin[2];
        float[] vmaxOut = twin == null || vmax == null ? vmax : twin[3];
        FloatVector zeros = FloatVector.zero(S); // x·0 of every new value: NaN in a lane once one was NaN or ±∞
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += L) {
            FloatVector pv = FloatVector.fromArray(S, p, j);
            if (pOld != null) {
                pv.intoArray(pOld, j);
            }
            if (c.decoupled) {
                pv = pv.mul(c.decayF);
            }
            FloatVector g = FloatVector.fromArray(S, grad, j);
            if (c.l2F != 0) {
                g = g.add(pv.mul(c.l2F));
            }
            FloatVector mv = FloatVector.fromArray(S, m, j).mul(c.beta1F).add(g.mul(c.oneMinusBeta1F));
            FloatVector vv = FloatVector.fromArray(S, v, j).mul(c.beta2F).add(g.mul(c.oneMinusBeta2F).mul(g));
            mv.intoArray(mOut, j);
            vv.intoArray(vOut, j);
            zeros = zeros.add(mv.mul(0f)).add(vv.mul(0f));
            if (vmax != null) {
                vv = FloatVector.fromArray(S, vmax, j).max(vv);
                vv.intoArray(vmaxOut, j);
            }
            FloatVector denom = vv.sqrt().div(c.bc2SqrtF).add(c.epsF);
            FloatVector pNew = pv.sub(mv.div(denom).mul(c.stepSizeF));
            pNew.intoArray(p, j);
            zeros = zeros.add(pNew.mul(0f));
        }
        boolean tail = super.adam(p, grad, m, v, vmax, twin, j, to, c);
        return zeros.reduceLanes(VectorOperators.ADD) == 0f && tail;
    }

    @Override
    boolean sgd(float[] p, float[] grad, float[] buf, float[][] twin, int from, int to, SgdCoefficients c) {
        float[] pOld = twin == null ? null : twin[0];
        float[] bufOut = twin == null || buf == null ? buf : twin[1];
        FloatVector zeros = FloatVector.zero(S); // x·0 of every new value: NaN in a lane once one was NaN or ±∞
        int j = from;
        int bound = from + S.loopBound(to - from);
        if (c.plain) {
            FloatVector alpha = FloatVector.broadcast(S, c.negLrF);
            for (; j < bound; j += L) {
                FloatVector pv = FloatVector.fromArray(S, p, j);
                if (pOld != null) {
                    pv.intoArray(pOld, j);
                }
                FloatVector pNew = FloatVector.fromArray(S, grad, j).fma(alpha, pv);
                pNew.intoArray(p, j);
                zeros = zeros.add(pNew.mul(0f));
            }
        } else {
            for (; j < bound; j += L) {
                FloatVector pv = FloatVector.fromArray(S, p, j);
                if (pOld != null) {
                    pv.intoArray(pOld, j);
                }
                FloatVector g = FloatVector.fromArray(S, grad, j);
                if (c.weightDecay != 0) {
                    g = g.add(pv.mul(c.weightDecayF));
                }
                if (c.momentum != 0) {
                    FloatVector b = c.first ? g : FloatVector.fromArray(S, buf, j).mul(c.momentumF).add(g.mul(c.keepF));
                    b.intoArray(bufOut, j);
                    zeros = zeros.add(b.mul(0f));
                    g = c.nesterov ? g.add(b.mul(c.momentumF)) : b;
                }
                FloatVector pNew = pv.sub(g.mul(c.lrF));
                pNew.intoArray(p, j);
                zeros = zeros.add(pNew.mul(0f));
            }
        }
        boolean tail = super.sgd(p, grad, buf, twin, j, to, c);
        return zeros.reduceLanes(VectorOperators.ADD) == 0f && tail;
    }
}
