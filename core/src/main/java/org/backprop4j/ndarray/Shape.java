package org.backprop4j.ndarray;

import java.util.Arrays;

/** Static helpers for shapes (int arrays of dimension sizes) and NumPy broadcasting. */
public final class Shape {
    private Shape() {
    }

    /** Number of elements of a shape; throws if a dimension is negative or the size overflows. */
    public static int size(int... shape) {
        final long MAX_ELEMENTS = Integer.MAX_VALUE - 8; // the JVM refuses larger arrays
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + str(shape));
            }
        }
        for (int d : shape) {
            if (d == 0) {
                return 0; // empty, however large the other dimensions
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than " + MAX_ELEMENTS
                        + " elements, the most one Java array can hold");
            }
        }
        return (int) n;
    }

    /** Row-major strides, in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The shape as text, such as {@code [2, 3]}. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Normalises a possibly negative dimension index against a rank, or throws naming the shape. */
    public static int axis(int dim, int[] shape) {
        int r = shape.length;
        int a = dim < 0 ? dim + r : dim;
        if (a < 0 || a >= r) {
            throw new IllegalArgumentException("dimension " + dim + " is out of range for shape " + str(shape));
        }
        return a;
    }

    /**
     * The broadcast shape of two shapes under NumPy rules (align trailing dimensions; each pair
     * must be equal or contain a 1), or an exception naming both shapes.
     */
    public static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b) + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides with which an array of shape {@code from} is read when broadcast to shape {@code to}:
     * 0 along dimensions it is repeated over.
     */
    public static int[] broadcastStrides(int[] from, int[] to) {
        int[] fs = strides(from);
        int[] out = new int[to.length];
        int off = to.length - from.length;
        for (int i = 0; i < to.length; i++) {
            if (i < off || from[i - off] == 1) {
                out[i] = 0;
            } else {
                out[i] = fs[i - off];
            }
        }
        return out;
    }

    /** Resolves one {@code -1} in a requested shape against a total size, or throws naming both. */
    public static int[] resolve(int[] requested, int totalSize, int[] original) {
        int[] s = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be -1 in " + str(requested));
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + str(requested));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || totalSize % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + str(original) + " into " + str(requested));
            }
            s[infer] = (int) (totalSize / known);
        }
        if (size(s) != totalSize) {
            throw new IllegalArgumentException("cannot reshape " + str(original) + " (" + totalSize
                    + " elements) into " + str(requested));
        }
        return s;
    }

    /** The shape with dimension {@code axis} removed, or set to 1 when {@code keepDim}. */
    public static int[] reduce(int[] shape, int axis, boolean keepDim) {
        if (keepDim) {
            int[] s = shape.clone();
            s[axis] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    /** Product of the dimensions before {@code axis}. */
    public static int outer(int[] shape, int axis) {
        return product(shape, 0, axis);
    }

    /** Product of the dimensions after {@code axis}. */
    public static int inner(int[] shape, int axis) {
        return product(shape, axis + 1, shape.length);
    }

    /**
     * The product of {@code shape[from..to)}, saturating at {@link Integer#MAX_VALUE}: a part of a
     * valid shape, which can only be that large when another dimension is 0 (and loops over it run
     * zero times).
     */
    private static int product(int[] shape, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n = Math.min(n * shape[i], Integer.MAX_VALUE);
        }
        return (int) n;
    }

    /** A shape of {@code rank} ones. */
    public static int[] ones(int rank) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        return s;
    }
}
