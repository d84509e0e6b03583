package org.backprop4j.data;

import java.util.Arrays;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions (for images [N, rows, cols], for
 * labels [N]) and its values, row-major, each in 0..255.
 *
 * @param dims   the dimensions from the header, each at least 0
 * @param values the values as unsigned bytes (read with {@code & 0xFF}), {@code product(dims)} of them
 */
public record IdxArray(int[] dims, byte[] values) {
    /** Checks that the number of values is the product of the dimensions. */
    public IdxArray {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " need " + n + " values, got "
                    + values.length);
        }
    }

    /** The first dimension: the number of items. */
    public int count() {
        return dims.length == 0 ? 1 : dims[0];
    }

    /** The number of values per item: the product of all dimensions but the first. */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** Value {@code i} as an unsigned integer 0..255. */
    public int unsigned(int i) {
        return values[i] & 0xFF;
    }
}
