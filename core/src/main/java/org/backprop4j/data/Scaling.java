package org.backprop4j.data;

import org.backprop4j.kernel.Elementwise;

/** The arithmetic the feature scalers share: {@code (x - shift) * scale} per feature, in double precision. */
final class Scaling {
    private Scaling() {
    }

    /** Throws unless {@code data} has {@code d} features. */
    static void requireFeatures(Dataset data, int d, String what) {
        if (data.numFeatures() != d) {
            throw new IllegalArgumentException("the " + what + " was fitted on " + d + " features but the data set has "
                    + data.numFeatures());
        }
    }

    /**
     * The data set with features {@code (x[i, j] - shift[j]) * scale[j]}, rounded to float32. A set stored as
     * pixels stays one, with only its divisor changed, when that gives every byte value the same bits as the
     * formula (no shift, one scale for all features; {@link IdxDatasets#pixelScaler} is such a scaling).
     */
    static Dataset transform(Dataset data, double[] shift, double[] scale) {
        if (data.pixelData() != null) {
            float divisor = pixelDivisorAfter(data.pixelDivisor(), shift, scale);
            if (!Float.isNaN(divisor)) {
                return data.withPixelDivisor(divisor);
            }
        }
        return data.withFeatures(affine(data.featureData(), shift, scale));
    }

    /**
     * The divisor d' with {@code (b & 0xff) / d' == affine((b & 0xff) / divisor, shift[j], scale[j])} bit for bit
     * for every byte b and feature j, or NaN when there is none (tried: {@code divisor / scale}, for a common scale
     * and no shift).
     */
    private static float pixelDivisorAfter(float divisor, double[] shift, double[] scale) {
        for (int j = 0; j < shift.length; j++) {
            if (shift[j] != 0 || scale[j] != scale[0]) {
                return Float.NaN;
            }
        }
        float candidate = (float) (divisor / scale[0]); // shift has one entry per feature, so at least one
        if (!(candidate > 0) || !Float.isFinite(candidate)) {
            return Float.NaN;
        }
        byte[] codes = new byte[256];
        for (int b = 0; b < codes.length; b++) {
            codes[b] = (byte) b;
        }
        float[] before = new float[codes.length];
        float[] after = new float[codes.length];
        Elementwise.unsignedBytesToFloats(codes, 0, before, 0, codes.length, divisor);
        Elementwise.unsignedBytesToFloats(codes, 0, after, 0, codes.length, candidate);
        for (int b = 0; b < codes.length; b++) {
            if (Float.floatToRawIntBits(after[b]) != Float.floatToRawIntBits(affine(before[b], 0, scale[0]))) {
                return Float.NaN;
            }
        }
        return candidate;
    }

    /** One row {@code (x[j] - shift[j]) * scale[j]}, rounded to float32; throws unless it has {@code shift.length} features. */
    static float[] affineRow(float[] row, double[] shift, double[] scale, String what) {
        if (row.length != shift.length) {
            throw new IllegalArgumentException("the " + what + " was fitted on " + shift.length + " features but the row has "
                    + row.length);
        }
        return affine(row, shift, scale);
    }

    private static float[] affine(float[] x, double[] shift, double[] scale) {
        int d = shift.length;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += d) {
            for (int j = 0; j < d; j++) {
                out[i + j] = affine(x[i + j], shift[j], scale[j]);
            }
        }
        return out;
    }

    /** The scaled value of one feature: {@code (x - shift) * scale} in double, rounded to float32. */
    private static float affine(float x, double shift, double scale) {
        return (float) ((x - shift) * scale);
    }
}
