package org.backprop4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link DirectConv2d} (float32), in the order of {@link DirectConvLoopsF32}, so both
 * kernel sets give the same bits. A strip is one vector of L output columns of a row; a row that is not a multiple
 * of L ends in a strip that overlaps the one before. Channel and tap indexes past the end of a tile are clamped to
 * the last one: such a tile computes the last channel (or tap) twice and stores the same values twice.
 */
final class VectorDirectConv {
    // the species of VectorKernels: one float species everywhere (a second one stops C2 intrinsifying, see there)
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // L zeros then L ones: L lanes from L - z have their first z lanes 0 and the others 1
    private static final float[] ZEROS_THEN_ONES = zerosThenOnes();

    private VectorDirectConv() {
    }

    private static float[] zerosThenOnes() {
        float[] v = new float[2 * L];
        java.util.Arrays.fill(v, L, 2 * L, 1f);
        return v;
    }

    /**
     * {@link KernelSet#directForward} for rows of at least L outputs (false otherwise): tiles of 4 output channels by
     * 2 rows by 2 strips (16 accumulators; each tap loads 4 input vectors and broadcasts 4 weights). Measured on conv1
     * (one image, 32 channels of 28 x 28): 4.3-4.8 us against 7.1-7.3 for 8 channels by one strip (9 loads per 8 fma)
     * and 8-12 us for tiles of 24 or 32 accumulators. A last odd row is clamped like the channels (computed twice).
     */
    static boolean forward(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW, float[] w,
                           int wo, int og, float[] b, int bo, float[] y, int yo) {
        if (outW < L) {
            return false;
        }
        int plane = outH * outW;
        int lastStrip = outW - L;
        for (int o0 = 0; o0 < og; o0 += 4) {
            int o1 = Math.min(o0 + 1, og - 1);
            int o2 = Math.min(o0 + 2, og - 1);
            int o3 = Math.min(o0 + 3, og - 1);
            float b0 = b == null ? 0f : b[bo + o0];
            float b1 = b == null ? 0f : b[bo + o1];
            float b2 = b == null ? 0f : b[bo + o2];
            float b3 = b == null ? 0f : b[bo + o3];
            int w0 = wo + o0 * patch;
            int w1 = wo + o1 * patch;
            int w2 = wo + o2 * patch;
            int w3 = wo + o3 * patch;
            for (int r0 = 0; r0 < outH; r0 += 2) {
                int r1 = Math.min(r0 + 1, outH - 1);
                int x0 = xpo + r0 * rowStep;
                int x1 = xpo + r1 * rowStep;
                int y0 = yo + r0 * outW;
                int y1 = yo + r1 * outW;
                for (int q = 0; ; q += 2 * L) {
                    int s0 = Math.min(q, lastStrip);
                    int s1 = Math.min(q + L, lastStrip);
                    FloatVector c000 = FloatVector.broadcast(S, b0);
                    FloatVector c001 = FloatVector.broadcast(S, b0);
                    FloatVector c010 = FloatVector.broadcast(S, b0);
                    FloatVector c011 = FloatVector.broadcast(S, b0);
                    FloatVector c100 = FloatVector.broadcast(S, b1);
                    FloatVector c101 = FloatVector.broadcast(S, b1);
                    FloatVector c110 = FloatVector.broadcast(S, b1);
                    FloatVector c111 = FloatVector.broadcast(S, b1);
                    FloatVector c200 = FloatVector.broadcast(S, b2);
                    FloatVector c201 = FloatVector.broadcast(S, b2);
                    FloatVector c210 = FloatVector.broadcast(S, b2);
                    FloatVector c211 = FloatVector.broadcast(S, b2);
                    FloatVector c300 = FloatVector.broadcast(S, b3);
                    FloatVector c301 = FloatVector.broadcast(S, b3);
                    FloatVector c310 = FloatVector.broadcast(S, b3);
                    FloatVector c311 = FloatVector.broadcast(S, b3);
                    for (int t = 0; t < patch; t++) {
                        int tap = taps[t];
                        FloatVector v00 = FloatVector.fromArray(S, xp, x0 + tap + s0);
                        FloatVector v01 = FloatVector.fromArray(S, xp, x0 + tap + s1);
                        FloatVector v10 = FloatVector.fromArray(S, xp, x1 + tap + s0);
                        FloatVector v11 = FloatVector.fromArray(S, xp, x1 + tap + s1);
                        FloatVector u0 = FloatVector.broadcast(S, w[w0 + t]);
                        c000 = v00.fma(u0, c000);
                        c001 = v01.fma(u0, c001);
                        c010 = v10.fma(u0, c010);
                        c011 = v11.fma(u0, c011);
                        FloatVector u1 = FloatVector.broadcast(S, w[w1 + t]);
                        c100 = v00.fma(u1, c100);
                        c101 = v01.fma(u1, c101);
                        c110 = v10.fma(u1, c110);
                        c111 = v11.fma(u1, c111);
                        FloatVector u2 = FloatVector.broadcast(S, w[w2 + t]);
                        c200 = v00.fma(u2, c200);
                        c201 = v01.fma(u2, c201);
                        c210 = v10.fma(u2, c210);
                        c211 = v11.fma(u2, c211);
                        FloatVector u3 = FloatVector.broadcast(S, w[w3 + t]);
                        c300 = v00.fma(u3, c300);
                        c301 = v01.fma(u3, c301);
                        c310 = v10.fma(u3, c310);
                        c311 = v11.fma(u3, c311);
                    }
                    c000.intoArray(y, y0 + o0 * plane + s0);
                    c001.intoArray(y, y0 + o0 * plane + s1);
                    c010.intoArray(y, y1 + o0 * plane + s0);
                    c011.intoArray(y, y1 + o0 * plane + s1);
                    c100.intoArray(y, y0 + o1 * plane + s0);
                    c101.intoArray(y, y0 + o1 * plane + s1);
                    c110.intoArray(y, y1 + o1 * plane + s0);
                    c111.intoArray(y, y1 + o1 * plane + s1);
                    c200.intoArray(y, y0 + o2 * plane + s0);
                    c201.intoArray(y, y0 + o2 * plane + s1);
                    c210.intoArray(y, y1 + o2 * plane + s0);
                    c211.intoArray(y, y1 + o2 * plane + s1);
                    c300.intoArray(y, y0 + o3 * plane + s0);
                    c301.intoArray(y, y0 + o3 * plane + s1);
                    c310.intoArray(y, y1 + o3 * plane + s0);
                    c311.intoArray(y, y1 + o3 * plane + s1);
                    if (s1 == lastStrip) {
                        break;
                    }
                }
            }
        }
        return true;
    }

    /**
     * {@link KernelSet#directWeightGradient} when a vector is one strip of chains ({@code L == CHAINS}) and rows have
     * at least L outputs (false otherwise): tiles of 4 output channels by 5 taps (20 accumulators, 4 dy and 5 input
     * vectors loaded per strip), the chains loaded from {@code lanes} (zeroed first unless acc) at the start of a tile
     * and stored at its end. Every strip's dy is multiplied by a vector of ones, zeros in the lanes of the last,
     * overlapping strip that the strip before took (dy·1 is dy). Measured on one image of conv1: one loop over the
     * strips took 6.4-7.0 us against 9.0-9.8 for a loop over the whole strips and a copy of its body for the last;
     * 4 x 5 tiles 5.8-6.1 us for conv1's 9 taps and 6.0-6.8 with the bias's tenth, where 4 x 3 tiles took 6.0-6.9
     * and 8.5-9.3 (a fourth block of taps); 8 x 2, 2 x 9, 3 x 5, 4 x 4, 5 x 3 and 6 x 3 tiles 6.2-8.1 us.
     */
    static boolean weightGradient(float[] xp, int xpo, int[] taps, int patch, int rowStep, int outH, int outW,
                                  float[] dy, int dyo, int og, float[] lanes, int lo, boolean acc) {
        if (L != DirectConv2d.CHAINS || outW < L) {
            return false;
        }
        int plane = outH * outW;
        int lastStrip = outW - L;
        if (!acc) { // zeros stored, not a zero vector picked under a condition (C2 then boxes the vectors)
            java.util.Arrays.fill(lanes, lo, lo + og * patch * L, 0f);
        }
        for (int o0 = 0; o0 < og; o0 += 4) {
            int o1 = Math.min(o0 + 1, og - 1);
            int o2 = Math.min(o0 + 2, og - 1);
            int o3 = Math.min(o0 + 3, og - 1);
            int d0 = dyo + o0 * plane;
            int d1 = dyo + o1 * plane;
            int d2 = dyo + o2 * plane;
            int d3 = dyo + o3 * plane;
            for (int t0 = 0; t0 < patch; t0 += 5) {
                int t1 = Math.min(t0 + 1, patch - 1);
                int t2 = Math.min(t0 + 2, patch - 1);
                int t3 = Math.min(t0 + 3, patch - 1);
                int t4 = Math.min(t0 + 4, patch - 1);
                int x0 = xpo + taps[t0];
                int x1 = xpo + taps[t1];
                int x2 = xpo + taps[t2];
                int x3 = xpo + taps[t3];
                int x4 = xpo + taps[t4];
                int l00 = lo + (o0 * patch + t0) * L;
                int l01 = lo + (o0 * patch + t1) * L;
                int l02 = lo + (o0 * patch + t2) * L;
                int l03 = lo + (o0 * patch + t3) * L;
                int l04 = lo + (o0 * patch + t4) * L;
                int l10 = lo + (o1 * patch + t0) * L;
                int l11 = lo + (o1 * patch + t1) * L;
                int l12 = lo + (o1 * patch + t2) * L;
                int l13 = lo + (o1 * patch + t3) * L;
                int l14 = lo + (o1 * patch + t4) * L;
                int l20 = lo + (o2 * patch + t0) * L;
                int l21 = lo + (o2 * patch + t1) * L;
                int l22 = lo + (o2 * patch + t2) * L;
                int l23 = lo + (o2 * patch + t3) * L;
                int l24 = lo + (o2 * patch + t4) * L;
                int l30 = lo + (o3 * patch + t0) * L;
                int l31 = lo + (o3 * patch + t1) * L;
                int l32 = lo + (o3 * patch + t2) * L;
                int l33 = lo + (o3 * patch + t3) * L;
                int l34 = lo + (o3 * patch + t4) * L;
                FloatVector a00 = FloatVector.fromArray(S, lanes, l00);
                FloatVector a01 = FloatVector.fromArray(S, lanes, l01);
                FloatVector a02 = FloatVector.fromArray(S, lanes, l02);
                FloatVector a03 = FloatVector.fromArray(S, lanes, l03);
                FloatVector a04 = FloatVector.fromArray(S, lanes, l04);
                FloatVector a10 = FloatVector.fromArray(S, lanes, l10);
                FloatVector a11 = FloatVector.fromArray(S, lanes, l11);
                FloatVector a12 = FloatVector.fromArray(S, lanes, l12);
                FloatVector a13 = FloatVector.fromArray(S, lanes, l13);
                FloatVector a14 = FloatVector.fromArray(S, lanes, l14);
                FloatVector a20 = FloatVector.fromArray(S, lanes, l20);
                FloatVector a21 = FloatVector.fromArray(S, lanes, l21);
                FloatVector a22 = FloatVector.fromArray(S, lanes, l22);
                FloatVector a23 = FloatVector.fromArray(S, lanes, l23);
                FloatVector a24 = FloatVector.fromArray(S, lanes, l24);
                FloatVector a30 = FloatVector.fromArray(S, lanes, l30);
                FloatVector a31 = FloatVector.fromArray(S, lanes, l31);
                FloatVector a32 = FloatVector.fromArray(S, lanes, l32);
                FloatVector a33 = FloatVector.fromArray(S, lanes, l33);
                FloatVector a34 = FloatVector.fromArray(S, lanes, l34);
                for (int r = 0; r < outH; r++) {
                    int dr = r * outW;
                    int xr = r * rowStep;
                    for (int q = 0; ; q += L) {
                        int at = Math.min(q, lastStrip);
                        // 1 in every lane, but 0 in the last strip's lanes [0, q - at) (the strip before took them)
                        FloatVector keep = FloatVector.fromArray(S, ZEROS_THEN_ONES, L - (q - at));
                        FloatVector e0 = FloatVector.fromArray(S, dy, d0 + dr + at).mul(keep);
                        FloatVector e1 = FloatVector.fromArray(S, dy, d1 + dr + at).mul(keep);
                        FloatVector e2 = FloatVector.fromArray(S, dy, d2 + dr + at).mul(keep);
                        FloatVector e3 = FloatVector.fromArray(S, dy, d3 + dr + at).mul(keep);
                        FloatVector v0 = FloatVector.fromArray(S, xp, x0 + xr + at);
                        FloatVector v1 = FloatVector.fromArray(S, xp, x1 + xr + at);
                        FloatVector v2 = FloatVector.fromArray(S, xp, x2 + xr + at);
                        FloatVector v3 = FloatVector.fromArray(S, xp, x3 + xr + at);
                        FloatVector v4 = FloatVector.fromArray(S, xp, x4 + xr + at);
                        a00 = e0.fma(v0, a00);
                        a01 = e0.fma(v1, a01);
                        a02 = e0.fma(v2, a02);
                        a03 = e0.fma(v3, a03);
                        a04 = e0.fma(v4, a04);
                        a10 = e1.fma(v0, a10);
                        a11 = e1.fma(v1, a11);
                        a12 = e1.fma(v2, a12);
                        a13 = e1.fma(v3, a13);
                        a14 = e1.fma(v4, a14);
                        a20 = e2.fma(v0, a20);
                        a21 = e2.fma(v1, a21);
                        a22 = e2.fma(v2, a22);
                        a23 = e2.fma(v3, a23);
                        a24 = e2.fma(v4, a24);
                        a30 = e3.fma(v0, a30);
                        a31 = e3.fma(v1, a31);
                        a32 = e3.fma(v2, a32);
                        a33 = e3.fma(v3, a33);
                        a34 = e3.fma(v4, a34);
                        if (at == lastStrip) {
                            break;
                        }
                    }
                }
                a00.intoArray(lanes, l00);
                a01.intoArray(lanes, l01);
                a02.intoArray(lanes, l02);
                a03.intoArray(lanes, l03);
                a04.intoArray(lanes, l04);
                a10.intoArray(lanes, l10);
                a11.intoArray(lanes, l11);
                a12.intoArray(lanes, l12);
                a13.intoArray(lanes, l13);
                a14.intoArray(lanes, l14);
                a20.intoArray(lanes, l20);
                a21.intoArray(lanes, l21);
                a22.intoArray(lanes, l22);
                a23.intoArray(lanes, l23);
                a24.intoArray(lanes, l24);
                a30.intoArray(lanes, l30);
                a31.intoArray(lanes, l31);
                a32.intoArray(lanes, l32);
                a33.intoArray(lanes, l33);
                a34.intoArray(lanes, l34);
            }
        }
        return true;
    }
}
