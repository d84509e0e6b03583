package org.backprop4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 x 16 float block transposed in registers (16-lane vectors only: call it only when the preferred
 * float species has 16 lanes), for packing a transposed B:
 * cheaper than gathering its columns. Four butterfly stages, d = 8, 4, 2, 1: each swaps bit d of the
 * row and of the lane, so element (r, c) ends at (c, r). In a stage, rows r and r + d (bit d of r
 * clear) trade their halves: row r keeps the lanes with bit d clear and takes row r + d's lanes
 * c - d into lanes c with bit d set; row r + d the other way round. Lane exchange c <-> c xor d
 * (one constant shuffle) then a blend (one constant mask) does both. Values are only moved.
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
        FloatVector s0 = low(r0, r2, xFar, mFar);
        FloatVector s2 = high(r0, r2, xFar, mFar);
        FloatVector s1 = low(r1, r3, xFar, mFar);
        FloatVector s3 = high(r1, r3, xFar, mFar);
        low(s0, s1, xNear, mNear).intoArray(out, oo);
        high(s0, s1, xNear, mNear).intoArray(out, oo + ostep);
        low(s2, s3, xNear, mNear).intoArray(out, oo + 2 * ostep);
        high(s2, s3, xNear, mNear).intoArray(out, oo + 3 * ostep);
    }

    /** Row r's new lanes: its own where bit d is clear, the partner's exchanged lanes where set. */
    private static FloatVector low(FloatVector row, FloatVector partner, VectorShuffle<Float> x, VectorMask<Float> m) {
        return row.blend(partner.rearrange(x), m);
    }

    /** Row r + d's new lanes: row r's exchanged lanes where bit d is clear, its own where set. */
    private static FloatVector high(FloatVector row, FloatVector partner, VectorShuffle<Float> x, VectorMask<Float> m) {
        return row.rearrange(x).blend(partner, m);
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
