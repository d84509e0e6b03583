package org.backprop4j.data;

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

    /** New features {@code (x[i, j] - shift[j]) * scale[j]}, rounded to float32. */
    static float[] affine(Dataset data, double[] shift, double[] scale) {
        return affine(data.featureData(), shift, scale);
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
                out[i + j] = (float) ((x[i + j] - shift[j]) * scale[j]);
            }
        }
        return out;
    }
}
