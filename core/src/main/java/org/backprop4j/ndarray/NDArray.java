package org.backprop4j.ndarray;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of float32 or float64 values, stored contiguously in row-major order.
 *
 * <p>Exactly one of {@link #floatData()} and {@link #doubleData()} is non-null, according to the
 * dtype. Arrays are values: operations return new arrays; only the methods whose names end in
 * {@code InPlace} write into the receiver. {@link #reshape(int...)} shares storage.
 */
public final class NDArray {
    private final int[] shape;
    private final int size;
    private final DType dtype;
    private final float[] f;
    private final double[] d;
    /** In debug mode, the workspace the storage came from (else null) and the step it was taken in. */
    private final Workspace owner;
    private final int ownerStep;

    private NDArray(int[] shape, float[] f, double[] d) {
        this(shape, f, d, null, 0);
    }

    private NDArray(int[] shape, float[] f, double[] d, Workspace owner, int ownerStep) {
        this.owner = owner;
        this.ownerStep = ownerStep;
        this.shape = shape;
        this.size = Shape.size(shape);
        this.f = f;
        this.d = d;
        this.dtype = f != null ? DType.FLOAT32 : DType.FLOAT64;
        int len = f != null ? f.length : d.length;
        if (len != size) {
            throw new IllegalArgumentException("data has " + len + " values but shape " + Shape.str(shape)
                    + " needs " + size);
        }
    }

    /** Wraps a float array (not copied) as an array of the given shape. */
    public static NDArray wrap(float[] data, int... shape) {
        return new NDArray(shape.clone(), data, null);
    }

    /** Wraps a double array (not copied) as an array of the given shape. */
    public static NDArray wrap(double[] data, int... shape) {
        return new NDArray(shape.clone(), null, data);
    }

    /** A zero-filled array (from the open {@link Workspace} of this thread, if any). */
    public static NDArray zeros(DType dtype, int... shape) {
        int n = Shape.size(shape);
        // inside a Workspace step the storage is recycled from the previous step
        Workspace owner = Workspace.debugOwner();
        return dtype == DType.FLOAT32 ? new NDArray(shape.clone(), Workspace.floats(n), null, owner, step(owner))
                : new NDArray(shape.clone(), null, Workspace.doubles(n), owner, step(owner));
    }

    /**
     * An array whose contents are unspecified (like {@code torch.empty}): inside a {@link Workspace}
     * step it may hold the previous step's values, so the caller must write every element before
     * reading any. Outside a workspace it is zero-filled.
     */
    public static NDArray forOverwrite(DType dtype, int... shape) {
        int n = Shape.size(shape);
        Workspace owner = Workspace.debugOwner();
        return dtype == DType.FLOAT32
                ? new NDArray(shape.clone(), Workspace.floatsForOverwrite(n), null, owner, step(owner))
                : new NDArray(shape.clone(), null, Workspace.doublesForOverwrite(n), owner, step(owner));
    }

    /** {@link #forOverwrite} with the shape and dtype of {@code like}; shares its (never mutated) shape array. */
    public static NDArray forOverwriteLike(NDArray like) {
        Workspace owner = Workspace.debugOwner();
        return like.dtype == DType.FLOAT32
                ? new NDArray(like.shape, Workspace.floatsForOverwrite(like.size), null, owner, step(owner))
                : new NDArray(like.shape, null, Workspace.doublesForOverwrite(like.size), owner, step(owner));
    }

    private static int step(Workspace owner) {
        return owner == null ? 0 : owner.step();
    }

    /**
     * In debug mode ({@code -Dbackprop4j.debug=true}), fails when this array's storage came from a
     * workspace step that has been followed by another {@code begin()}: the storage now belongs to the
     * later step. Without debug mode the JIT removes the check (a constant false).
     */
    private void requireLive() {
        if (Workspace.DEBUG && owner != null) {
            owner.requireStep(ownerStep, this);
        }
    }

    /** An array filled with one value. */
    public static NDArray full(DType dtype, double value, int... shape) {
        NDArray a = zeros(dtype, shape);
        if (a.f != null) {
            Arrays.fill(a.f, (float) value);
        } else {
            Arrays.fill(a.d, value);
        }
        return a;
    }

    /** A zero-filled array of the same shape and dtype as this one. */
    public NDArray zerosLike() {
        Workspace owner = Workspace.debugOwner(); // shares the (never mutated) shape array: no copy per call
        return dtype == DType.FLOAT32 ? new NDArray(shape, Workspace.floats(size), null, owner, step(owner))
                : new NDArray(shape, null, Workspace.doubles(size), owner, step(owner));
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code i} (negative counts from the end). */
    public int dim(int i) {
        return shape[Shape.axis(i, shape)];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Element type. */
    public DType dtype() {
        return dtype;
    }

    /** The float storage (shared, not copied), or null for a float64 array. */
    public float[] floatData() {
        requireLive();
        return f;
    }

    /** The double storage (shared, not copied), or null for a float32 array. */
    public double[] doubleData() {
        requireLive();
        return d;
    }

    /** Element at a flat row-major index, as a double. */
    public double get(int i) {
        requireLive();
        return f != null ? f[i] : d[i];
    }

    /** Sets the element at a flat row-major index (rounded to float for float32). */
    public void set(int i, double v) {
        requireLive();
        if (f != null) {
            f[i] = (float) v;
        } else {
            d[i] = v;
        }
    }

    /** Element at a multi-dimensional index. */
    public double at(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " does not fit shape " + Shape.str(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " is out of bounds for shape " + Shape.str(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return get(flat);
    }

    /** The values as a new double array. */
    public double[] toDoubleArray() {
        requireLive();
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** The values as a new float array. */
    public float[] toFloatArray() {
        requireLive();
        if (f != null) {
            return f.clone();
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** A deep copy. */
    public NDArray copy() {
        requireLive();
        NDArray out = zeros(dtype, shape);
        if (f != null) {
            System.arraycopy(f, 0, out.f, 0, size);
        } else {
            System.arraycopy(d, 0, out.d, 0, size);
        }
        return out;
    }

    /** This array converted to another dtype (a copy, or this array when the dtype is the same). */
    public NDArray astype(DType target) {
        if (target == dtype) {
            return this;
        }
        return target == DType.FLOAT32 ? new NDArray(shape, toFloatArray(), null) : new NDArray(shape, null, toDoubleArray());
    }

    /** The same storage seen with another shape of the same size; one dimension may be -1. */
    public NDArray reshape(int... newShape) {
        requireLive();
        int[] s = Shape.resolve(newShape, size, shape);
        return new NDArray(s, f, d, owner, ownerStep);
    }

    /** Applies a function to every element, giving a new array of the same dtype. */
    public NDArray map(DoubleUnaryOperator fn) {
        requireLive();
        NDArray out = zerosLike();
        if (f != null) {
            for (int i = 0; i < size; i++) {
                out.f[i] = (float) fn.applyAsDouble(f[i]);
            }
        } else {
            for (int i = 0; i < size; i++) {
                out.d[i] = fn.applyAsDouble(d[i]);
            }
        }
        return out;
    }

    /**
     * Applies a function to the elements of two arrays broadcast together (NumPy rules), giving
     * an array of the broadcast shape. Both arrays must have the same dtype.
     */
    public static NDArray zip(NDArray a, NDArray b, DoubleBinaryOperator fn) {
        requireSameDtype(a, b);
        int[] outShape = Shape.broadcast(a.shape, b.shape);
        NDArray out = zeros(a.dtype, outShape);
        int n = out.size;
        if (Arrays.equals(a.shape, b.shape)) {
            for (int i = 0; i < n; i++) {
                out.set(i, fn.applyAsDouble(a.get(i), b.get(i)));
            }
        } else if (b.size == 1) {
            double bv = b.get(0);
            for (int i = 0; i < n; i++) {
                out.set(i, fn.applyAsDouble(a.get(i), bv));
            }
        } else if (a.size == 1) {
            double av = a.get(0);
            for (int i = 0; i < n; i++) {
                out.set(i, fn.applyAsDouble(av, b.get(i)));
            }
        } else if (isTrailingSuffix(b.shape, outShape) && Arrays.equals(a.shape, outShape)) {
            int m = b.size;
            for (int i = 0; i < n; i++) {
                out.set(i, fn.applyAsDouble(a.get(i), b.get(i % m)));
            }
        } else {
            int[] sa = Shape.broadcastStrides(a.shape, outShape);
            int[] sb = Shape.broadcastStrides(b.shape, outShape);
            int[] idx = new int[outShape.length];
            int ia = 0;
            int ib = 0;
            for (int i = 0; i < n; i++) {
                out.set(i, fn.applyAsDouble(a.get(ia), b.get(ib)));
                for (int k = outShape.length - 1; k >= 0; k--) {
                    idx[k]++;
                    ia += sa[k];
                    ib += sb[k];
                    if (idx[k] < outShape[k]) {
                        break;
                    }
                    ia -= sa[k] * outShape[k];
                    ib -= sb[k] * outShape[k];
                    idx[k] = 0;
                }
            }
        }
        return out;
    }

    /** True when {@code inner} equals the last dimensions of {@code outer} (ignoring leading 1s of inner). */
    private static boolean isTrailingSuffix(int[] inner, int[] outer) {
        int skip = 0;
        while (skip < inner.length && inner[skip] == 1) {
            skip++;
        }
        int len = inner.length - skip;
        if (len > outer.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (inner[skip + i] != outer[outer.length - len + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sums this array down to a shape it was broadcast from: the reverse of broadcasting, used by
     * the backward pass of every broadcasting op. Returns this array when the shapes are equal.
     */
    public NDArray sumTo(int[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        int[] check = Shape.broadcast(target, shape);
        if (!Arrays.equals(check, shape)) {
            throw new IllegalArgumentException("cannot sum shape " + Shape.str(shape) + " down to " + Shape.str(target));
        }
        double[] acc = new double[Shape.size(target)];
        int[] st = Shape.broadcastStrides(target, shape);
        int[] idx = new int[shape.length];
        int it = 0;
        for (int i = 0; i < size; i++) {
            acc[it] += get(i);
            for (int k = shape.length - 1; k >= 0; k--) {
                idx[k]++;
                it += st[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                it -= st[k] * shape[k];
                idx[k] = 0;
            }
        }
        NDArray out = zeros(dtype, target);
        for (int i = 0; i < acc.length; i++) {
            out.set(i, acc[i]);
        }
        return out;
    }

    /** Adds another array of the same shape and dtype into this one. */
    public void addInPlace(NDArray other) {
        requireLive();
        other.requireLive();
        requireSameShape(this, other, "addInPlace");
        requireSameDtype(this, other);
        if (f != null) {
            for (int i = 0; i < size; i++) {
                f[i] += other.f[i];
            }
        } else {
            for (int i = 0; i < size; i++) {
                d[i] += other.d[i];
            }
        }
    }

    /** Multiplies every element by a scalar, in place. */
    public void scaleInPlace(double s) {
        requireLive();
        if (f != null) {
            float fs = (float) s;
            for (int i = 0; i < size; i++) {
                f[i] *= fs;
            }
        } else {
            for (int i = 0; i < size; i++) {
                d[i] *= s;
            }
        }
    }

    /** Sets every element to zero, in place. */
    public void fillInPlace(double v) {
        requireLive();
        if (f != null) {
            Arrays.fill(f, (float) v);
        } else {
            Arrays.fill(d, v);
        }
    }

    /** Copies the values of another array of the same shape and dtype into this one. */
    public void copyFrom(NDArray other) {
        requireLive();
        other.requireLive();
        requireSameShape(this, other, "copyFrom");
        requireSameDtype(this, other);
        if (f != null) {
            System.arraycopy(other.f, 0, f, 0, size);
        } else {
            System.arraycopy(other.d, 0, d, 0, size);
        }
    }

    /** Throws an {@link IllegalArgumentException} naming both dtypes and shapes unless the dtypes match. */
    public static void requireSameDtype(NDArray a, NDArray b) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException("dtype mismatch: " + a.dtype + " " + Shape.str(a.shape) + " and "
                    + b.dtype + " " + Shape.str(b.shape) + "; convert one with astype()");
        }
    }

    /** Throws an {@link IllegalArgumentException} naming both shapes unless they are equal. */
    public static void requireSameShape(NDArray a, NDArray b, String what) {
        if (!Arrays.equals(a.shape, b.shape)) {
            throw new IllegalArgumentException(what + ": shapes " + Shape.str(a.shape) + " and "
                    + Shape.str(b.shape) + " differ");
        }
    }

    /** Shape, dtype and the values, abbreviated NumPy-style when there are more than 1000. */
    @Override
    public String toString() {
        return "shape=" + Shape.str(shape) + ", dtype=" + dtype + "\n" + ArrayFormat.format(this);
    }
}
