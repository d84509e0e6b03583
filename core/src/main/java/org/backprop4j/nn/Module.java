package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * A building block of a network, as PyTorch's {@code torch.nn.Module}: it owns named parameters
 * and named child modules, maps an input to an output with {@link #forward}, and has a training
 * mode that layers such as {@link Dropout} follow.
 *
 * <p>Parameter names are dotted paths, exactly as PyTorch spells and orders them (a module's own
 * parameters in registration order, then each child's in registration order): a
 * {@link Sequential}'s children are {@code "0"}, {@code "1"}, ..., so a two-layer perceptron has
 * {@code 0.weight, 0.bias, 2.weight, 2.bias}. A parameter reachable under two names (tied
 * weights) is listed once, under its first name, as in {@code named_parameters()}.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * Maps an input to an output, recording the graph for backpropagation.
     *
     * @param x the input, such as a batch {@code [N, features]} or images {@code [N, C, H, W]}
     * @return the output, connected to x and the parameters in the graph
     */
    public abstract Tensor forward(Tensor x);

    /**
     * This layer's description as a model file records it ({@link LayerRegistry} rebuilds the layer
     * from it); empty, the default, for modules the format cannot describe, such as containers and
     * custom modules. A layer type that overrides this also adds its line to {@link LayerRegistry}.
     *
     * @return the layer's description, or empty
     */
    public Optional<LayerConfig> config() {
        return Optional.empty();
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers a leaf tensor as a parameter of this module under a local name (no dots), marks it
     * as requiring grad and gives it that name for display; returns the tensor.
     *
     * @param name the local name, such as {@code weight}
     * @param t a leaf tensor holding the initial values
     * @return t, now a parameter
     */
    protected Tensor registerParameter(String name, Tensor t) {
        checkNewName(name);
        Objects.requireNonNull(t, "parameter " + name);
        if (!t.isLeaf()) {
            throw new IllegalArgumentException("parameter " + name + " must be a leaf tensor, but it was computed by "
                    + t.op().name() + "; register t.detach() instead");
        }
        t.requiresGrad().named(name);
        params.put(name, t);
        return t;
    }

    /**
     * Registers a child module under a local name (no dots); its parameters are then named
     * {@code name.<their name>}. Returns the child.
     *
     * @param <M> the child's type
     * @param name the local name, such as {@code 0} or {@code encoder}
     * @param child the module to add
     * @return the child
     */
    protected <M extends Module> M registerModule(String name, M child) {
        checkNewName(name);
        Objects.requireNonNull(child, "module " + name);
        if (child == this) {
            throw new IllegalArgumentException("a module cannot be its own child (" + name + ")");
        }
        children.put(name, child);
        child.namedParameters().forEach((k, t) -> t.named(name + "." + k));
        child.namedBuffers().forEach((k, t) -> t.named(name + "." + k));
        return child;
    }

    /**
     * Registers a buffer: a tensor of state that is saved and loaded with the parameters but not
     * trained (such as batch norm's {@code running_mean}); it gets that name for display. Returns it.
     *
     * @param name the local name, such as {@code running_mean}
     * @param t the tensor holding the initial values
     * @return t, now a buffer
     */
    protected Tensor registerBuffer(String name, Tensor t) {
        checkNewName(name);
        Objects.requireNonNull(t, "buffer " + name);
        buffers.put(name, t.requiresGrad(false).named(name));
        return t;
    }

    /**
     * This module's own buffer of the given local name.
     *
     * @param name the buffer's local name
     * @return the buffer
     * @throws IllegalArgumentException when this module has no buffer of that name
     */
    protected Tensor buffer(String name) {
        Tensor t = buffers.get(name);
        if (t == null) {
            throw new IllegalArgumentException(typeName() + " has no buffer \"" + name + "\"; it has " + buffers.keySet());
        }
        return t;
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a parameter or module name must be non-empty and contain no '.', got \""
                    + name + "\"");
        }
        if (params.containsKey(name) || children.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("name \"" + name + "\" is already used in " + typeName());
        }
    }

    /**
     * This module's own parameter of the given local name (not a child's); how layers read their weights.
     *
     * @param name the parameter's local name, such as {@code weight}
     * @return the parameter
     * @throws IllegalArgumentException when this module has no parameter of that name
     */
    protected Tensor parameter(String name) {
        Tensor t = params.get(name);
        if (t == null) {
            throw new IllegalArgumentException(typeName() + " has no parameter \"" + name + "\"; it has "
                    + params.keySet());
        }
        return t;
    }

    /** Replaces this module's own parameter (same local name), keeping the new tensor's flags; used by {@link #to}. */
    void replaceParameter(String name, Tensor t) {
        parameter(name);
        params.put(name, Objects.requireNonNull(t, name));
    }

    // ---------------------------------------------------------------- parameters

    /**
     * Every parameter with its dotted name (PyTorch's): own parameters, then each child's, recursively; tied parameters once.
     *
     * @return the parameters by dotted name, in PyTorch's order (a new map)
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), true, false);
        return out;
    }

    /** Adds this module's parameters (tied ones once) and/or buffers, then each child's, under dotted names. */
    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen, boolean withParams,
                         boolean withBuffers) {
        if (withParams) {
            params.forEach((k, t) -> {
                if (seen.add(t)) {
                    out.put(prefix + k, t);
                }
            });
        }
        if (withBuffers) {
            buffers.forEach((k, t) -> out.put(prefix + k, t));
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, seen, withParams, withBuffers));
    }

    /**
     * Every buffer with its dotted name: own buffers, then each child's, recursively.
     *
     * @return the buffers by dotted name (a new map)
     */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, null, false, true);
        return out;
    }

    /** Parameters and buffers in PyTorch's {@code state_dict} order: own parameters, own buffers, then each child's. */
    private Map<String, Tensor> namedState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), true, true);
        return out;
    }

    /**
     * Every parameter, in the order of {@link #namedParameters()}.
     *
     * @return the parameters (a new list)
     */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * The direct children with their local names, in registration order (an unmodifiable copy).
     *
     * @return the children by local name
     */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /**
     * Total number of parameter values (each tied parameter counted once).
     *
     * @return the number of trainable values
     */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) {
            n += t.size();
        }
        return n;
    }

    /** Clears the accumulated gradient of every parameter. */
    public void zeroGrad() {
        for (Tensor t : namedParameters().values()) {
            t.zeroGrad();
        }
    }

    // ---------------------------------------------------------------- mode

    /**
     * Puts this module and all its descendants in training mode; returns this module.
     *
     * @return this module
     */
    public Module train() {
        return train(true);
    }

    /**
     * Sets training mode (true) or evaluation mode (false) on this module and all its descendants; returns this module.
     *
     * @param mode true for training, false for evaluation
     * @return this module
     */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : children.values()) {
            m.train(mode);
        }
        return this;
    }

    /**
     * Puts this module and all its descendants in evaluation mode; returns this module.
     *
     * @return this module
     */
    public Module eval() {
        return train(false);
    }

    /**
     * True in training mode (the initial mode), false in evaluation mode.
     *
     * @return whether this module is in training mode
     */
    public boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- dtype and state

    /**
     * Converts every parameter to {@code dtype}: each is replaced by a converted copy that requires
     * grad and keeps its display name (so optimisers must be created after this call). Parameters
     * already of that dtype are kept as they are. Returns this module.
     *
     * @param dtype the dtype every parameter and buffer gets
     * @return this module
     */
    public Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        Map<Tensor, Tensor> converted = new IdentityHashMap<>();
        convert(dtype, converted);
        return this;
    }

    private void convert(DType dtype, Map<Tensor, Tensor> converted) {
        for (Map.Entry<String, Tensor> e : new ArrayList<>(params.entrySet())) {
            Tensor old = e.getValue();
            if (old.dtype() == dtype) {
                continue;
            }
            // a tied parameter stays tied: convert it once
            Tensor fresh = converted.computeIfAbsent(old, o -> o.to(dtype).requiresGrad().named(o.name()));
            replaceParameter(e.getKey(), fresh);
        }
        buffers.replaceAll((k, t) -> t.dtype() == dtype ? t : t.to(dtype).named(t.name()));
        for (Module m : children.values()) {
            m.convert(dtype, converted);
        }
    }

    /**
     * A copy of every parameter's and buffer's values under its dotted name, in PyTorch's {@code state_dict} order.
     *
     * @return the values by dotted name (copies: changing them leaves the module as it is)
     */
    public Map<String, NDArray> stateDict() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        namedState().forEach((k, t) -> out.put(k, t.data().copy()));
        return out;
    }

    /**
     * Copies values into the existing parameters and buffers (strict, as PyTorch's default): the names
     * must be exactly those of {@link #stateDict()}, and each value must have its parameter's shape
     * and dtype. Everything is checked before anything is copied, so a failed load changes nothing.
     *
     * @param state the values by dotted name, such as a loaded {@link #stateDict()}
     * @throws IllegalArgumentException when a name is missing or unexpected, or a shape or dtype differs
     */
    public void loadStateDict(Map<String, NDArray> state) {
        Objects.requireNonNull(state, "state");
        Map<String, Tensor> own = namedState();
        List<String> missing = new ArrayList<>();
        for (String k : own.keySet()) {
            if (!state.containsKey(k)) {
                missing.add(k);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("error loading state into " + typeName() + ": missing keys " + missing
                    + ", unexpected keys " + unexpected);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            NDArray target = e.getValue().data();
            NDArray value = state.get(e.getKey());
            if (value == null) {
                problems.add("value for " + e.getKey() + " is null");
            } else if (!Arrays.equals(value.shape(), target.shape())) {
                problems.add("size mismatch for " + e.getKey() + ": the state has shape "
                        + Shape.str(value.shape()) + ", the parameter in the model has shape "
                        + Shape.str(target.shape()));
            } else if (value.dtype() != target.dtype()) {
                problems.add("dtype mismatch for " + e.getKey() + ": the state has " + value.dtype()
                        + ", the parameter in the model has " + target.dtype() + "; convert the model with to("
                        + value.dtype().name() + ") or the values with astype()");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("error loading state into " + typeName() + ": "
                    + String.join("; ", problems));
        }
        own.forEach((k, t) -> t.data().copyFrom(state.get(k)));
    }

    // ---------------------------------------------------------------- display

    /**
     * The name shown by {@link #toString()}, such as {@code Linear}: the class's simple name.
     *
     * @return the type's name
     */
    protected String typeName() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? "Module" : n;
    }

    /**
     * The settings shown inside the parentheses, such as {@code in_features=4, out_features=2, bias=true}; empty by default.
     *
     * @return the settings, or an empty string
     */
    protected String extraRepr() {
        return "";
    }

    /** The architecture, one child per line with its name, formatted as PyTorch prints a module. */
    @Override
    public String toString() {
        String extra = extraRepr();
        if (children.isEmpty()) {
            return typeName() + "(" + extra + ")";
        }
        StringBuilder sb = new StringBuilder(typeName()).append('(');
        if (!extra.isEmpty()) {
            sb.append("\n  ").append(extra.replace("\n", "\n  "));
        }
        children.forEach((k, m) -> sb.append("\n  (").append(k).append("): ")
                .append(m.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
