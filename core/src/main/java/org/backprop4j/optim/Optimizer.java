package org.backprop4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Updates a fixed list of parameters from their gradients, one {@link #step()} at a time, as
 * PyTorch's {@code torch.optim.Optimizer} does: parameters whose gradient is null are skipped.
 *
 * <p>Per-parameter state buffers (such as a momentum buffer) have the parameter's dtype and shape,
 * are allocated at the parameter's first update and reused afterwards, so a step allocates
 * nothing in the steady state. {@link #stateDict()} copies the whole state; {@link
 * #loadStateDict(Map)} restores it so that later steps are bit-for-bit those of an optimiser that
 * never stopped. The keys are {@code "step"} (number of {@code step()} calls), {@code "lr"}, and
 * for every parameter {@code i} that has been updated {@code "i.step"} (its number of updates) and
 * {@code "i.<buffer>"}, such as {@code "0.momentum_buffer"} or {@code "0.exp_avg"}. Counters and
 * the learning rate are float64 scalars; the other hyper-parameters come from the constructor.
 *
 * <p>Each optimiser describes itself: {@link #name()} is its key in {@link OptimizerRegistry} and
 * {@link #hyperParameters()} its settings (PyTorch's {@code param_groups[0]} without the params), so
 * {@code OptimizerRegistry.create(o.name(), params, o.hyperParameters())} builds an equal optimiser.
 *
 * <p>{@link #stepIfFinite()} is the trainer's checked step: the same update, undone exactly when a value,
 * gradient, new value or new state element is a NaN or an infinity. The check rides on the update's
 * pass; the old parameter is kept in a spare array and the new state is written to the other half of a
 * double buffer, swapped in when the step is finite (one spare per parameter and per state buffer,
 * allocated at the first checked step).
 *
 * <p>An optimiser is not thread-safe.
 */
public abstract class Optimizer {
    private static final String STEP = "step";
    private static final String LR = "lr";

    private final List<Tensor> params;
    private final List<String> bufferNames;
    private final NDArray[][] buffers;
    private final long[] paramSteps;
    /** Per parameter, the other half of each state buffer: a checked step writes there and swaps on success. */
    private final NDArray[][] spares;
    /** Per parameter, where a checked step keeps the values it overwrites. */
    private final NDArray[] kept;
    /** Per parameter, the update's twin arrays: the kept old p, then each spare's data (float[][] or double[][]). */
    private final Object[] twins;
    /** True during {@link #stepIfFinite()}: the updates keep what they overwrite. */
    private boolean checking;
    private double lr;
    private long steps;

    /**
     * An optimiser of the given parameters with the given learning rate and the names of the state
     * buffers it keeps per parameter.
     *
     * @param params the parameters to update: distinct leaf tensors that require grad
     * @param lr the learning rate, finite and &gt;= 0
     * @param bufferNames the names of the state buffers kept per parameter, such as {@code exp_avg}
     * @throws IllegalArgumentException when the list is empty or a parameter is null, computed or repeated
     */
    protected Optimizer(List<Tensor> params, double lr, List<String> bufferNames) {
        Objects.requireNonNull(params, "params");
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException("parameter " + i + " is null");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor: parameter " + i + " " + describe(p));
            }
            if (!p.requiresGradFlag()) {
                throw new IllegalArgumentException("parameter " + i + " " + describe(p)
                        + " does not require grad; mark it with requiresGrad()");
            }
            Integer previous = seen.put(p, i);
            if (previous != null) {
                throw new IllegalArgumentException("parameter " + i + " " + describe(p) + " is the same tensor as parameter "
                        + previous + "; every parameter may appear only once");
            }
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.bufferNames = List.copyOf(bufferNames);
        this.buffers = new NDArray[params.size()][this.bufferNames.size()];
        this.paramSteps = new long[params.size()];
        this.spares = new NDArray[params.size()][this.bufferNames.size()];
        this.kept = new NDArray[params.size()];
        this.twins = new Object[params.size()];
        this.lr = Checks.learningRate(lr);
    }

    private static String describe(Tensor p) {
        return (p.name() != null ? "'" + p.name() + "' " : "") + Shape.str(p.shape()) + " " + p.dtype();
    }

    /**
     * The optimiser's name in {@link OptimizerRegistry}, such as {@code "sgd"}.
     *
     * @return the name
     */
    public abstract String name();

    /**
     * Every hyper-parameter by its PyTorch name, {@code "lr"} (the current rate) first: numbers as
     * {@link Double}, switches as {@link Boolean} (an unmodifiable map in a fixed order).
     *
     * @return the hyper-parameters by name
     */
    public final Map<String, Object> hyperParameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(LR, lr);
        addHyperParameters(out);
        return Collections.unmodifiableMap(out);
    }

    /**
     * Adds the hyper-parameters other than the learning rate, under the names the optimiser's {@code create} reads.
     *
     * @param out the map to add them to, in order
     */
    protected abstract void addHyperParameters(Map<String, Object> out);

    /** Updates every parameter that has a gradient, by the optimiser's rule. */
    public final void step() {
        run(false);
    }

    /**
     * The trainer's checked step: updates every parameter that has a gradient as {@link #step()} does,
     * unless a value, a gradient, a new value or a new state element is a NaN or an infinity; then the
     * parameters and the whole state (counters included) are left exactly as they were and the first such
     * element is returned. The check rides on the update's own pass (the kernels test the new values in
     * registers, keep the old parameter values and write the new state to the spare half of a double
     * buffer), so it reads nothing twice; undoing (rare) copies the old parameter values back.
     *
     * @return null when the step was taken, else the first non-finite element
     */
    public final NonFiniteStep stepIfFinite() {
        return run(true);
    }

    private NonFiniteStep run(boolean check) {
        checking = check;
        try {
            double rate = lr;
            for (int i = 0, n = params.size(); i < n; i++) {
                NDArray g = gradOf(i);
                if (g == null) {
                    continue;
                }
                long t = beginUpdate(i);
                boolean finite = update(i, params.get(i).data(), g, t, rate);
                if (check && !finite) {
                    NonFiniteStep bad = firstNonFinite(i, g);
                    undoThrough(i);
                    return bad;
                }
            }
            if (check) {
                commit();
            }
            steps++;
            return null;
        } finally {
            checking = false;
        }
    }

    /**
     * Update number {@code t} (1 at the first) of parameter {@code i} in place, by the optimiser's rule,
     * with learning rate {@code lr}: one fused pass (kernel.OptimizerUpdates) given the twin arrays
     * {@link #twinFloat}/{@link #twinDouble} (null outside a checked step).
     *
     * @param i the parameter's position
     * @param p its values
     * @param g its gradient
     * @param t its update number, from 1
     * @param lr the learning rate
     * @return whether every new value (of p and of its state) is finite
     */
    protected abstract boolean update(int i, NDArray p, NDArray g, long t, double lr);

    /**
     * The twin arrays of the update of float32 parameter {@code i} during {@link #stepIfFinite()}, else null:
     * [0] keeps the old p, [1 + k] receives the new state buffer k (the constructor's order), which replaces
     * buffer k when the whole step is finite.
     *
     * @param i the parameter's position
     * @return arrays shaped as the parameter, or null
     */
    protected final float[][] twinFloat(int i) {
        return checking ? (float[][]) twinArrays(i) : null;
    }

    /**
     * The float64 {@link #twinFloat}.
     *
     * @param i the parameter's position
     * @return arrays shaped as the parameter, or null
     */
    protected final double[][] twinDouble(int i) {
        return checking ? (double[][]) twinArrays(i) : null;
    }

    private Object twinArrays(int i) {
        if (twins[i] == null) {
            NDArray p = params.get(i).data();
            kept[i] = p.zerosLike();
            for (int k = 0; k < bufferNames.size(); k++) {
                spares[i][k] = p.zerosLike();
            }
            pointTwinAtSpares(i);
        }
        return twins[i];
    }

    /**
     * Points the twin arrays of parameter {@code i} at its kept values ([0]) and its spares' current data
     * ([1 + k]); after the first call it only replaces references (a committed step swaps the spares).
     */
    private void pointTwinAtSpares(int i) {
        int n = 1 + bufferNames.size();
        if (kept[i].dtype() == DType.FLOAT64) {
            double[][] t = twins[i] == null ? new double[n][] : (double[][]) twins[i];
            t[0] = kept[i].doubleData();
            for (int k = 1; k < n; k++) {
                t[k] = spares[i][k - 1].doubleData();
            }
            twins[i] = t;
        } else {
            float[][] t = twins[i] == null ? new float[n][] : (float[][]) twins[i];
            t[0] = kept[i].floatData();
            for (int k = 1; k < n; k++) {
                t[k] = spares[i][k - 1].floatData();
            }
            twins[i] = t;
        }
    }

    /** A finite checked step: the new state, written to the spares, becomes the state (a swap, no copy). */
    private void commit() {
        for (int i = 0, n = params.size(); i < n; i++) {
            if (params.get(i).grad() == null) {
                continue;
            }
            for (int k = 0; k < bufferNames.size(); k++) {
                NDArray written = spares[i][k];
                spares[i][k] = buffers[i][k];
                buffers[i][k] = written;
            }
            pointTwinAtSpares(i);
        }
    }

    /** The first non-finite element of parameter {@code i} (just updated; old p and new state in its twin), in flat order. */
    private NonFiniteStep firstNonFinite(int i, NDArray g) {
        NDArray p = params.get(i).data();
        for (int j = 0, n = p.size(); j < n; j++) {
            double grad = g.get(j);
            double old = kept[i].get(j);
            if (!Double.isFinite(old)) {
                return new NonFiniteStep(i, j, NonFiniteStep.What.VALUE, null, old, grad);
            }
            if (!Double.isFinite(grad)) {
                return new NonFiniteStep(i, j, NonFiniteStep.What.GRADIENT, null, grad, grad);
            }
            if (!Double.isFinite(p.get(j))) {
                return new NonFiniteStep(i, j, NonFiniteStep.What.NEW_VALUE, null, p.get(j), grad);
            }
            for (int k = 0; k < bufferNames.size(); k++) {
                double b = spares[i][k].get(j);
                if (!Double.isFinite(b)) {
                    return new NonFiniteStep(i, j, NonFiniteStep.What.NEW_STATE, bufferNames.get(k), b, grad);
                }
            }
        }
        throw new IllegalStateException("the update of parameter " + i + " reported a non-finite value but has none");
    }

    /**
     * Undoes the updates of parameters 0..last of this step exactly: their kept old values and counters come
     * back (their state was written to the spares only, so it is as it was).
     */
    private void undoThrough(int last) {
        for (int i = 0; i <= last; i++) {
            if (params.get(i).grad() == null) {
                continue;
            }
            params.get(i).data().copyFrom(kept[i]);
            paramSteps[i]--;
        }
    }

    /** Clears the gradient of every parameter (sets it to null, PyTorch's default {@code set_to_none}). */
    public void zeroGrad() {
        for (int i = 0, n = params.size(); i < n; i++) {
            params.get(i).zeroGrad();
        }
    }

    /**
     * The current learning rate.
     *
     * @return the learning rate the next step uses
     */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate used by later steps (schedules call this); it must be finite and >= 0.
     *
     * @param lr the new learning rate
     * @throws IllegalArgumentException when lr is negative or not finite
     */
    public void setLr(double lr) {
        this.lr = Checks.learningRate(lr);
    }

    /**
     * The parameters, in order (an unmodifiable list).
     *
     * @return the parameters
     */
    public List<Tensor> params() {
        return params;
    }

    /**
     * The number of completed {@link #step()} calls.
     *
     * @return the steps taken
     */
    public long stepCount() {
        return steps;
    }

    // ---------------------------------------------------------------- helpers for step()

    /**
     * The gradient array of parameter {@code i}, or null when it has no gradient (then the step
     * skips it); throws when the gradient's dtype or size does not match the parameter.
     *
     * @param i the parameter's position
     * @return its gradient, or null
     */
    private NDArray gradOf(int i) {
        Tensor p = params.get(i);
        Tensor g = p.grad();
        if (g == null) {
            return null;
        }
        NDArray gd = g.data();
        NDArray pd = p.data();
        if (gd.dtype() != pd.dtype() || gd.size() != pd.size()) {
            throw new IllegalStateException("gradient " + Shape.str(gd.shape()) + " " + gd.dtype()
                    + " does not match parameter " + i + " " + describe(p));
        }
        return gd;
    }

    /**
     * Starts an update of parameter {@code i} and returns its update number (1 at the first):
     * at the first update the state buffers are allocated (or zeroed, when they exist).
     *
     * @param i the parameter's position
     * @return the update number of parameter i, from 1
     */
    private long beginUpdate(int i) {
        if (paramSteps[i] == 0) {
            NDArray[] b = buffers[i];
            for (int k = 0; k < b.length; k++) {
                if (b[k] == null) {
                    b[k] = params.get(i).data().zerosLike();
                } else {
                    b[k].fillInPlace(0);
                }
            }
        }
        return ++paramSteps[i];
    }

    /**
     * State buffer {@code k} (in the order of the constructor's names) of parameter {@code i}.
     *
     * @param i the parameter's position
     * @param k the buffer's position among the constructor's names
     * @return the buffer, shaped as the parameter
     */
    protected final NDArray buffer(int i, int k) {
        return buffers[i][k];
    }

    // ---------------------------------------------------------------- state

    /**
     * Copies of the counters, the learning rate and every allocated state buffer (see the class comment).
     *
     * @return the state by name (copies)
     */
    public Map<String, NDArray> stateDict() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put(STEP, NDArray.full(DType.FLOAT64, steps));
        out.put(LR, NDArray.full(DType.FLOAT64, lr));
        for (int i = 0; i < params.size(); i++) {
            if (paramSteps[i] == 0) {
                continue;
            }
            out.put(i + "." + STEP, NDArray.full(DType.FLOAT64, paramSteps[i]));
            for (int k = 0; k < bufferNames.size(); k++) {
                out.put(i + "." + bufferNames.get(k), buffers[i][k].copy());
            }
        }
        return out;
    }

    /**
     * Restores a state saved by {@link #stateDict()} of an optimiser of the same kind over
     * parameters of the same shapes and dtypes; the values are copied. Everything is validated
     * before anything changes: unknown or missing keys, shapes, dtypes and counters.
     *
     * @param state a state from {@link #stateDict()}
     * @throws IllegalArgumentException when the state does not fit this optimiser (nothing is changed then)
     */
    public void loadStateDict(Map<String, NDArray> state) {
        Objects.requireNonNull(state, "state");
        int n = params.size();
        long[] newParamSteps = new long[n];
        long newSteps = counter(state, STEP, false);
        double newLr = scalar(state, LR);
        if (!(newLr >= 0) || Double.isInfinite(newLr)) {
            throw new IllegalArgumentException("state entry 'lr' is " + newLr + " (must be finite and >= 0)");
        }
        for (String key : state.keySet()) {
            if (key.equals(STEP) || key.equals(LR)) {
                continue;
            }
            int dot = key.indexOf('.');
            int index = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
            String name = dot > 0 ? key.substring(dot + 1) : "";
            if (index < 0 || index >= n || !(name.equals(STEP) || bufferNames.contains(name))) {
                throw new IllegalArgumentException("unknown state entry '" + key + "' for " + getClass().getSimpleName()
                        + " with " + n + " parameters; expected 'step', 'lr' and 'i.step' or 'i.<buffer>' with buffers "
                        + bufferNames);
            }
            if (name.equals(STEP)) {
                newParamSteps[index] = counter(state, key, true);
            }
        }
        for (int i = 0; i < n; i++) {
            NDArray pd = params.get(i).data();
            for (String name : bufferNames) {
                String key = i + "." + name;
                NDArray b = state.get(key);
                if (newParamSteps[i] == 0) {
                    if (b != null) {
                        throw new IllegalArgumentException("state entry '" + key + "' is present without '" + i + ".step'");
                    }
                    continue;
                }
                if (b == null) {
                    throw new IllegalArgumentException("state entry '" + key + "' is missing (parameter " + i
                            + " has '" + i + ".step')");
                }
                if (b.dtype() != pd.dtype() || !Arrays.equals(b.shape(), pd.shape())) {
                    throw new IllegalArgumentException("state entry '" + key + "' is " + Shape.str(b.shape()) + " "
                            + b.dtype() + " but parameter " + i + " is " + Shape.str(pd.shape()) + " " + pd.dtype());
                }
            }
        }
        // everything is valid: apply
        steps = newSteps;
        lr = newLr;
        for (int i = 0; i < n; i++) {
            paramSteps[i] = newParamSteps[i];
            if (newParamSteps[i] == 0) {
                continue;
            }
            for (int k = 0; k < bufferNames.size(); k++) {
                NDArray src = state.get(i + "." + bufferNames.get(k));
                if (buffers[i][k] == null) {
                    buffers[i][k] = src.copy();
                } else {
                    buffers[i][k].copyFrom(src);
                }
            }
        }
    }

    private static int parseIndex(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(s);
    }

    private static double scalar(Map<String, NDArray> state, String key) {
        NDArray a = state.get(key);
        if (a == null) {
            throw new IllegalArgumentException("state entry '" + key + "' is missing");
        }
        if (a.size() != 1) {
            throw new IllegalArgumentException("state entry '" + key + "' must have one element, shape is "
                    + Shape.str(a.shape()));
        }
        return a.get(0);
    }

    private static long counter(Map<String, NDArray> state, String key, boolean positive) {
        double v = scalar(state, key);
        if (!(v >= (positive ? 1 : 0)) || v != Math.rint(v) || v > 0x1p53) {
            throw new IllegalArgumentException("state entry '" + key + "' is " + v + " (must be a whole number >= "
                    + (positive ? 1 : 0) + ")");
        }
        return (long) v;
    }
}
