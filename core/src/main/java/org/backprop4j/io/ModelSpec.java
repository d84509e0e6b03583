package org.backprop4j.io;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.LayerConfig;
import org.backprop4j.nn.LayerRegistry;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Sequential;

/**
 * The architecture of a {@link Sequential}: each layer's {@link LayerConfig}, in order, as read from
 * the model itself ({@link #of(Module)}), so a saved file always says what the model is. It rebuilds
 * the same network (same layers, same parameter names and shapes) before the weights are loaded.
 * In {@code __metadata__} it is {@code layers}, a JSON array such as
 * {@code [{"type":"Linear","in_features":4,"out_features":3,"bias":true},{"type":"Tanh"},...]};
 * files of format version 1 described an MLP by {@code inputs}, {@code hidden}, {@code outputs},
 * {@code activation} and {@code dropout}, which {@link #fromMetadata} still reads.
 *
 * A network whose rows are viewed as images records that shape under {@code input_shape}, such as {@code [1,28,28]}.
 *
 * @param layers the layers' descriptions, in order (at least one; copied)
 * @param inputShape the per-sample shape flat rows are viewed as (see {@link Sequential#inputShape(int...)}); empty for as given
 */
public record ModelSpec(List<LayerConfig> layers, List<Integer> inputShape) implements Serializable {
    private static final long serialVersionUID = 3L;

    /** Metadata key of the layers (a JSON array of objects). */
    public static final String LAYERS = "layers";
    private static final String TYPE = "type";
    // the keys of format version 1 (an MLP by its sizes), package-private for the tests that write such files
    static final String INPUTS = "inputs";
    static final String HIDDEN = "hidden";
    static final String OUTPUTS = "outputs";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    /** Metadata key of the per-sample input shape (a JSON array of integers), present only when set. */
    public static final String INPUT_SHAPE = "input_shape";

    /** Checks that there is at least one layer and copies the lists. */
    public ModelSpec {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        inputShape = List.copyOf(Objects.requireNonNull(inputShape, "inputShape"));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
    }

    /** Layers that take rows as given. */
    public ModelSpec(List<LayerConfig> layers) {
        this(layers, List.of());
    }

    /**
     * The architecture of the MLP {@link Mlp#of} builds: {@code inputs -> hidden... -> outputs}, the
     * named activation after each hidden layer and Dropout after it when {@code dropout > 0} (no
     * weights are allocated).
     */
    public ModelSpec(int inputs, int[] hidden, int outputs, String activation, double dropout) {
        this(Mlp.builder(inputs, outputs).hidden(hidden).activation(Activation.parse(activation)).dropout(dropout)
                .configs());
    }

    /**
     * The architecture of {@code model}, read from its layers; throws an {@link IllegalArgumentException}
     * naming the layer when the model is not a {@link Sequential} or has a layer that cannot be described
     * (a custom module, or a nested container).
     */
    public static ModelSpec of(Module model) {
        Objects.requireNonNull(model, "model");
        if (!(model instanceof Sequential s)) {
            throw new IllegalArgumentException("cannot save a " + model.getClass().getSimpleName()
                    + ": a model file holds a Sequential of the layer types " + String.join(", ", LayerRegistry.types()));
        }
        List<LayerConfig> layers = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            Module layer = s.get(i);
            int index = i;
            layers.add(layer.config().orElseThrow(() -> new IllegalArgumentException("cannot save layer " + index + " ("
                    + layer.getClass().getSimpleName() + "): a model file can describe only the layer types "
                    + String.join(", ", LayerRegistry.types()))));
        }
        return new ModelSpec(layers, Arrays.stream(s.inputShape()).boxed().toList());
    }

    /**
     * Number of input features: the size of the {@link #inputShape()} when set, else {@code in_features}
     * of the first layer that has one (0 when none does).
     */
    public int inputs() {
        if (!inputShape.isEmpty()) {
            return inputShape.stream().reduce(1, Math::multiplyExact);
        }
        return layers.stream().filter(c -> c.attributes().containsKey(Linear.IN_FEATURES)).findFirst()
                .map(c -> c.integer(Linear.IN_FEATURES)).orElse(0);
    }

    /** Number of outputs: {@code out_features} of the last layer that has one (0 when none does). */
    public int outputs() {
        int out = 0;
        for (LayerConfig c : layers) {
            if (c.attributes().containsKey(Linear.OUT_FEATURES)) {
                out = c.integer(Linear.OUT_FEATURES);
            }
        }
        return out;
    }

    /**
     * The number of parameters of the network {@link #build} makes, saturating at {@link Long#MAX_VALUE};
     * computed from the descriptions without allocating, so a size can be checked before the network is built.
     */
    public long parameterCount() {
        long total = 0;
        for (LayerConfig c : layers) {
            long layer = LayerRegistry.parameterCount(c);
            total = total > Long.MAX_VALUE - layer ? Long.MAX_VALUE : total + layer;
        }
        return total;
    }

    /** Builds the network: weights drawn from {@code rng} layer by layer in {@code dtype}; Dropout layers keep {@code rng}. */
    public Sequential build(Rng rng, DType dtype) {
        Sequential s = new Sequential().inputShape(inputShape.stream().mapToInt(Integer::intValue).toArray());
        for (LayerConfig c : layers) {
            s.add(c.build(rng, dtype));
        }
        return s;
    }

    /** The architecture as {@code __metadata__}: the key {@link #LAYERS} with a JSON array of objects. */
    public Map<String, String> toMetadata() {
        List<String> objects = new ArrayList<>();
        for (LayerConfig c : layers) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put(TYPE, c.type());
            fields.putAll(c.attributes());
            objects.add(Json.object(fields));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(LAYERS, "[" + String.join(",", objects) + "]");
        if (!inputShape.isEmpty()) {
            meta.put(INPUT_SHAPE, Json.longArray(inputShape.stream().mapToLong(Integer::longValue).toArray()));
        }
        return meta;
    }

    /**
     * The architecture stored by {@link #toMetadata()}, or by format version 1; throws a
     * {@link SafeTensorsException} naming {@code fileForErrors} and the key when a key is missing or
     * its value is invalid.
     */
    public static ModelSpec fromMetadata(Map<String, String> metadata, Path fileForErrors) {
        Meta m = new Meta(Objects.requireNonNull(metadata, "metadata"), fileForErrors);
        try {
            if (!m.has(LAYERS)) {
                return new ModelSpec(m.integer(INPUTS), m.intArray(HIDDEN), m.integer(OUTPUTS), m.string(ACTIVATION),
                        m.doubleValue(DROPOUT));
            }
            List<LayerConfig> layers = new ArrayList<>();
            for (Object o : m.array(LAYERS)) {
                if (!(o instanceof Map<?, ?> fields) || !(fields.get(TYPE) instanceof String type)) {
                    throw m.fail(LAYERS, "must be an array of objects with a string \"type\"");
                }
                Map<String, Object> attributes = new LinkedHashMap<>();
                fields.forEach((k, v) -> {
                    if (!k.equals(TYPE)) {
                        attributes.put((String) k, v instanceof Json.Num n ? (Object) n.doubleValue() : v);
                    }
                });
                layers.add(new LayerConfig(type, attributes));
            }
            int[] inputShape = m.has(INPUT_SHAPE) ? m.intArray(INPUT_SHAPE) : new int[0];
            return new ModelSpec(layers, Arrays.stream(inputShape).boxed().toList());
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(fileForErrors, "invalid architecture in the metadata: " + e.getMessage(), e);
        }
    }

    /** The layers joined by arrows, such as {@code Linear(in_features=4, out_features=3, bias=true) -> Tanh() -> ...}. */
    @Override
    public String toString() {
        return layers.stream().map(LayerConfig::toString).collect(Collectors.joining(" -> "));
    }
}
