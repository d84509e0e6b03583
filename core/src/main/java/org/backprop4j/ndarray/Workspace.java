package org.backprop4j.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import org.backprop4j.internal.Settings;

/**
 * A step-scoped arena for the arrays of one training step, so that the steady state of a training
 * loop allocates no large arrays. Between {@link #begin()} and {@link #close()} every array made by
 * {@link NDArray#zeros} (and every temporary from {@link #doubles(int)}) on this thread comes from
 * the workspace; the next {@code begin()} hands the same arrays out again in the same order.
 *
 * <p>Contract: an array made inside a step is valid until the next {@code begin()} of the same
 * workspace. Nothing made inside a step may be kept beyond that (parameters and optimiser state
 * must be created outside a step; the trainer closes the scope before the optimiser step).
 * With {@code -Dbackprop4j.debug=true} (the tests run that way) an array used after the next
 * {@code begin()} fails with an {@link IllegalStateException}; without it, it silently holds the
 * later step's values.
 *
 * <pre>{@code
 * Workspace ws = new Workspace();
 * for (...) {
 *     try (Workspace step = ws.begin()) { loss = model.forward(x) ...; loss.backward(); }
 *     optimizer.step();
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {
    /** Debug mode ({@code -Dbackprop4j.debug=true}): arrays check on access that their step is current. */
    static final boolean DEBUG = Settings.debug();
    private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

    private final ArrayList<float[]> floats = new ArrayList<>();
    private final ArrayList<double[]> doubles = new ArrayList<>();
    private int nextFloat;
    private int nextDouble;
    private Workspace previous;
    private boolean open;
    /** The number of {@link #begin()} calls so far: identifies the current step in debug mode. */
    private int step;

    /** An empty workspace; it grows during the first steps and is then reused. */
    public Workspace() {
    }

    /** Starts a step on this thread: recycles every array of the previous step. Returns this workspace. */
    public Workspace begin() {
        if (open) {
            throw new IllegalStateException("this workspace is already open; close the previous step first");
        }
        nextFloat = 0;
        nextDouble = 0;
        step++;
        previous = CURRENT.get();
        CURRENT.set(this);
        open = true;
        return this;
    }

    /** Ends the allocation scope; the step's arrays stay valid until the next {@link #begin()}. */
    @Override
    public void close() {
        if (open) {
            CURRENT.set(previous);
            previous = null;
            open = false;
        }
    }

    /** In debug mode the open workspace of this thread (null when none); always null otherwise. */
    static Workspace debugOwner() {
        return DEBUG ? CURRENT.get() : null;
    }

    int step() {
        return step;
    }

    /** Fails when {@code array}, taken in step {@code taken}, is used after a later step has begun. */
    void requireStep(int taken, NDArray array) {
        if (taken != step) {
            throw new IllegalStateException("an array of shape " + Shape.str(array.shape())
                    + " made inside a Workspace step is used after the next step began: its storage now holds"
                    + " that step's values. Arrays and tensors made inside a step are valid until the next begin()"
                    + " of the workspace; copy what you keep after closing the step (NDArray.copy, Tensor.toDoubleArray)");
        }
    }

    /** Number of float arrays held (for tests and reports). */
    public int floatArrays() {
        return floats.size();
    }

    /** A zero-filled float array of length n: from the open workspace of this thread, else new. */
    public static float[] floats(int n) {
        Workspace w = CURRENT.get();
        return w == null ? new float[n] : w.takeFloats(n, true);
    }

    /** A zero-filled double array of length n: from the open workspace of this thread, else new. */
    public static double[] doubles(int n) {
        Workspace w = CURRENT.get();
        return w == null ? new double[n] : w.takeDoubles(n, true);
    }

    /**
     * A float array of length n whose contents are unspecified (a recycled array keeps the previous
     * step's values): for results that the caller overwrites entirely. Saves the zero fill.
     */
    public static float[] floatsForOverwrite(int n) {
        Workspace w = CURRENT.get();
        return w == null ? new float[n] : w.takeFloats(n, false);
    }

    /** Double-precision {@link #floatsForOverwrite(int)}. */
    public static double[] doublesForOverwrite(int n) {
        Workspace w = CURRENT.get();
        return w == null ? new double[n] : w.takeDoubles(n, false);
    }

    private float[] takeFloats(int n, boolean zero) {
        if (nextFloat < floats.size()) {
            float[] a = floats.get(nextFloat);
            if (a.length != n) {
                a = new float[n];
                floats.set(nextFloat, a);
            } else if (zero) {
                Arrays.fill(a, 0f);
            }
            nextFloat++;
            return a;
        }
        float[] a = new float[n];
        floats.add(a);
        nextFloat++;
        return a;
    }

    private double[] takeDoubles(int n, boolean zero) {
        if (nextDouble < doubles.size()) {
            double[] a = doubles.get(nextDouble);
            if (a.length != n) {
                a = new double[n];
                doubles.set(nextDouble, a);
            } else if (zero) {
                Arrays.fill(a, 0d);
            }
            nextDouble++;
            return a;
        }
        double[] a = new double[n];
        doubles.add(a);
        nextDouble++;
        return a;
    }
}
