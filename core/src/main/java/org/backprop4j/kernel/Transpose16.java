package org.backprop4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 float block transposed in registers, for packing a transposed B: cheaper than gathering
 * its columns. Call it only when the preferred float species has 16 lanes. Four butterfly stages,
 * d = 8, 4, 2, 1: each swaps bit d of the row and of the lane, so element (r, c) ends at (c, r). In a
 * stage, rows r and r + d (bit d of r clear) trade half their lanes: row r keeps its lanes with bit d
 * clear and takes row r + d's lane c - d into each lane c with bit d set; row r + d keeps its lanes
 * with bit d set and takes row r's lane c + d into each lane c with bit d clear. One blend gathers
 * the lanes to trade into one vector, one rearrange (lane c to c xor d) moves them, two blends merge
 * them back: one rearrange per pair, as each rearrange also checks its shuffle's indexes, which with
 * two per pair cost all that the transpose saves over the gathers. Values are only moved.
 */
final class Transpose16 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float> X8 = exchange(8);
    private static final VectorShuffle<Float> X4 = exchange(4);
    private static final VectorShuffle<Float> X2 = exchange(2);
    private static final VectorShuffle<Float> X1 = exchange(1);
    private static final VectorMask<Float> M8 = bitSet(8);
    private static final VectorMask<Float> M4 = bitSet(4);
    private static final VectorMask<Float> M2 = bitSet(2);
    private static final VectorMask<Float> M1 = bitSet(1);

    private Transpose16() {
    }

    /**
     * Writes the transpose of the 16 x 16 block at {@code b[src]} (rows {@code ld} apart) to
     * {@code pack[dst]} (rows {@code ldp} apart): row r of the result is column r of the block.
     * Two passes through {@code tmp} (256 floats): stages 8 and 4 on the rows g, g + 4, g + 8, g + 12,
     * then stages 2 and 1 on the rows 4g .. 4g + 3, four rows in registers at a time (all sixteen in
     * one method made C2 stop inlining, NodeCountInliningCutoff, and box every vector).
     */
    static void transpose(float[] b, int src, int ld, float[] pack, int dst, int ldp, float[] tmp) {
        for (int g = 0; g < 4; g++) {
            quad(b, src + g * ld, 4 * ld, tmp, g * 16, 64, X8, M8, X4, M4);
        }
        for (int g = 0; g < 4; g++) {
            quad(tmp, g * 64, 16, pack, dst + 4 * g * ldp, ldp, X2, M2, X1, M1);
        }
    }

    /**
     * Two stages on four rows r0..r3 ({@code step} apart from {@code in[o]}), the first pairing r0 with r2
     * and r1 with r3 (distance {@code xFar}), the second r0 with r1 and r2 with r3 ({@code xNear});
     * stored {@code ostep} apart from {@code out[oo]}.
     */
    private static void quad(float[] in, int o, int step, float[] out, int oo, int ostep,
                             VectorShuffle<Float> xFar, VectorMask<Float> mFar,
                             VectorShuffle<Float> xNear, VectorMask<Float> mNear) {
        FloatVector r0 = FloatVector.fromArray(S, in, o);
        FloatVector r1 = FloatVector.fromArray(S, in, o + step);
        FloatVector r2 = FloatVector.fromArray(S, in, o + 2 * step);
        FloatVector r3 = FloatVector.fromArray(S, in, o + 3 * step);
        FloatVector t02 = exchanged(r0, r2, xFar, mFar);
        FloatVector t13 = exchanged(r1, r3, xFar, mFar);
        FloatVector s0 = r0.blend(t02, mFar);
        FloatVector s2 = t02.blend(r2, mFar);
        FloatVector s1 = r1.blend(t13, mFar);
        FloatVector s3 = t13.blend(r3, mFar);
        FloatVector t01 = exchanged(s0, s1, xNear, mNear);
        FloatVector t23 = exchanged(s2, s3, xNear, mNear);
        s0.blend(t01, mNear).intoArray(out, oo);
        t01.blend(s1, mNear).intoArray(out, oo + ostep);
        s2.blend(t23, mNear).intoArray(out, oo + 2 * ostep);
        t23.blend(s3, mNear).intoArray(out, oo + 3 * ostep);
    }

    /**
     * The lanes a pair trades, in one rearrange: lane c with bit d set holds the partner's lane c - d (row r's
     * new value there), lane c with bit d clear holds row r's lane c + d (row r + d's new value there).
     */
    private static FloatVector exchanged(FloatVector row, FloatVector partner, VectorShuffle<Float> x, VectorMask<Float> m) {
        return partner.blend(row, m).rearrange(x);
    }

    private static VectorShuffle<Float> exchange(int d) {
        return VectorShuffle.fromOp(S, i -> i ^ d);
    }

    private static VectorMask<Float> bitSet(int d) {
        boolean[] set = new boolean[S.length()];
        for (int i = 0; i < set.length; i++) {
            set[i] = (i & d) != 0;
        }
        return VectorMask.fromArray(S, set, 0);
    }
}
