package org.backprop4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.MemoryBudget;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Sequential;

/**
 * Saves and loads a {@link SavedModel} as one safetensors file that PyTorch can read too: the tensors
 * are exactly the model's {@code stateDict()} (parameters, then buffers such as batch norm's running
 * statistics) under PyTorch's names ({@code 0.weight} of shape [out, in], {@code 0.bias},
 * {@code 2.weight}, ...), in float32 (F32) or float64 (F64), so that
 * {@code model.load_state_dict(safetensors.torch.load_file(path))} fills the equivalent
 * {@code nn.Sequential}. The {@code __metadata__} holds the format and its version, the architecture
 * read from the model itself ({@link ModelSpec#toMetadata()}), the class names as a JSON array, and
 * the scaling: its kind under {@code scaler} and its parameters as JSON number arrays written with
 * {@link Double#toString(double)}, which read back exactly. Files of format version 1 (an MLP described
 * by its sizes) are still read.
 *
 * <pre>{@code
 * import java.nio.file.Path;
 * import java.util.List;
 * import org.backprop4j.data.Datasets;
 * import org.backprop4j.data.Standardizer;
 * import org.backprop4j.io.ModelFile;
 * import org.backprop4j.io.SavedModel;
 * import org.backprop4j.io.Scaling;
 * import org.backprop4j.nn.Linear;
 * import org.backprop4j.nn.Sequential;
 * import org.backprop4j.nn.Tanh;
 *
 * Sequential model = new Sequential(new Linear(4, 16), new Tanh(), new Linear(16, 3));
 * Standardizer standardizer = Standardizer.fit(Datasets.iris());   // fit on your training rows
 * // ... train the model on standardized rows ...
 * ModelFile.save(Path.of("iris.safetensors"), model, List.of("setosa", "versicolor", "virginica"),
 *         Scaling.of(standardizer));
 * SavedModel saved = ModelFile.load(Path.of("iris.safetensors"));   // a fresh model with the weights
 * int[] classes = saved.predictor().predict(new float[]{5.1f, 3.5f, 1.4f, 0.2f});
 * }</pre>
 */
public final class ModelFile {
    /** Metadata key naming the kind of backprop4j file. */
    public static final String FORMAT = "format";
    /** Value of {@link #FORMAT} in a model file. */
    public static final String MODEL_FORMAT = "backprop4j-model";
    /** Metadata key of the format version. */
    public static final String FORMAT_VERSION = "format_version";
    /** The format version this code writes and the highest it reads: 2 stores the layers ({@link ModelSpec#LAYERS}). */
    public static final int VERSION = 2;
    /** Metadata key of the class names (a JSON array of strings). */
    public static final String CLASS_NAMES = "class_names";
    /** Metadata key of the scaling kind; its parameters are under {@code scaler.mean}/{@code scaler.std} or {@code scaler.min}/{@code scaler.max}. */
    public static final String SCALER = "scaler";

    /** The most shape problems one error lists. */
    private static final int MAX_PROBLEMS = 5;
    /** Parameters a network may have beyond the values in its file (4 MB in float32). */
    private static final long SMALL_MODEL = 1 << 20;

    private ModelFile() {
    }

    /**
     * Writes {@code model} (a {@link Sequential} of layers a model file can describe, see
     * {@link ModelSpec#of}) with its class names (null for none) and input scaling (null for none)
     * atomically; throws an {@link IllegalArgumentException} naming the first layer it cannot describe.
     *
     * @param file the file to write (replaced atomically; a failed save leaves an existing file as it was)
     * @param model the trained network
     * @param classNames one name per output, or null for none
     * @param scaling the input scaling the model was trained with, or null for none
     * @throws IllegalArgumentException when a layer cannot be described or the names or scaling do not fit the model
     */
    public static void save(Path file, Module model, List<String> classNames, Scaling scaling) {
        ModelSpec.of(model); // refuses, naming the layer, what the format cannot describe
        save(file, new SavedModel((Sequential) model, classNames, scaling));
    }

    /**
     * Writes the saved model atomically, its architecture read from the model.
     *
     * @param file the file to write (replaced atomically)
     * @param model the network with its class names and scaling
     */
    public static void save(Path file, SavedModel model) {
        Objects.requireNonNull(model, "model");
        Map<String, NDArray> tensors = tensors(file, model);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT, MODEL_FORMAT);
        meta.put(FORMAT_VERSION, Integer.toString(VERSION));
        meta.putAll(metadata(model));
        new SafeTensorsFile(tensors, meta).write(file);
    }

    /**
     * Reads a model file (or the model part of a {@link Checkpoint} file): rebuilds the architecture in
     * the file's dtype and loads the weights into it. The model is returned in training mode; call
     * {@code eval()} before predicting. Throws a {@link SafeTensorsException} naming the file when it
     * is not a valid safetensors file, has no backprop4j metadata, or its tensors do not fit the
     * architecture (naming both shapes).
     *
     * @param file a file written by {@link #save(Path, SavedModel)} or a checkpoint
     * @return the model with its weights, class names and scaling
     * @throws SafeTensorsException when the file cannot be read or its contents do not describe a model
     */
    public static SavedModel load(Path file) {
        return load(file, new Rng(0));
    }

    /**
     * As {@link #load(Path)}, with the generator the model's Dropout layers will draw from.
     *
     * @param file a file written by {@link #save(Path, SavedModel)} or a checkpoint
     * @param rng the generator of the Dropout masks, should the model be trained further
     * @return the model with its weights, class names and scaling
     * @throws SafeTensorsException when the file cannot be read or its contents do not describe a model
     */
    public static SavedModel load(Path file, Rng rng) {
        SafeTensorsFile f = SafeTensorsFile.read(file);
        requireFormat(f.metadata(), file, MODEL_FORMAT, Checkpoint.CHECKPOINT_FORMAT);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        f.tensors().forEach((k, v) -> {
            if (!k.startsWith(Checkpoint.OPTIMIZER_PREFIX)) {
                tensors.put(k, v);
            }
        });
        return fromFile(file, f.metadata(), tensors, rng);
    }

    // ---------------------------------------------------------------- shared with Checkpoint

    /** The model's parameters by name, checked against the network its description rebuilds. */
    static Map<String, NDArray> tensors(Path file, SavedModel model) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.putAll(model.model().stateDict());
        ModelSpec spec = model.spec();
        Sequential reference = spec.build(new Rng(0), DType.FLOAT32);
        Map<String, int[]> expected = new LinkedHashMap<>();
        reference.stateDict().forEach((k, a) -> expected.put(k, a.shape()));
        List<String> problems = fit(spec, expected, tensors, "the model");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": cannot save: " + String.join("; ", problems));
        }
        return tensors;
    }

    /** The class names and scaling (not the format keys) as metadata, after the architecture. */
    static Map<String, String> metadata(SavedModel model) {
        Map<String, String> meta = new LinkedHashMap<>(model.spec().toMetadata());
        meta.put(CLASS_NAMES, Json.stringArray(model.classNames()));
        Scaling s = model.scaling();
        meta.put(SCALER, s.kind());
        if (!s.isNone()) {
            String[] names = paramNames(s.kind());
            meta.put(SCALER + "." + names[0], Json.doubleArray(s.a()));
            meta.put(SCALER + "." + names[1], Json.doubleArray(s.b()));
        }
        return meta;
    }

    private static String[] paramNames(String kind) {
        return kind.equals(Scaling.STANDARDIZE) ? new String[]{"mean", "std"} : new String[]{"min", "max"};
    }

    /** Checks the format key and version. */
    static void requireFormat(Map<String, String> metadata, Path file, String... formats) {
        String format = metadata.get(FORMAT);
        if (format == null) {
            throw new SafeTensorsException(file, "no backprop4j metadata (key \"format\"): a plain safetensors file, "
                    + "such as one saved by PyTorch, does not say its architecture");
        }
        if (!Arrays.asList(formats).contains(format)) {
            throw new SafeTensorsException(file, "format is " + Json.quote(format) + " but expected "
                    + String.join(" or ", formats));
        }
        int version = new Meta(metadata, file).integer(FORMAT_VERSION);
        if (version < 1 || version > VERSION) {
            throw new SafeTensorsException(file, "format version " + version + " is not supported; this backprop4j reads "
                    + "versions 1 to " + VERSION);
        }
    }

    /** Rebuilds a saved model from metadata and its tensors; the model's Dropout layers use {@code rng}. */
    static SavedModel fromFile(Path file, Map<String, String> metadata, Map<String, NDArray> tensors, Rng rng) {
        Meta m = new Meta(metadata, file);
        ModelSpec spec = ModelSpec.fromMetadata(metadata, file);
        List<String> classNames = m.has(CLASS_NAMES) ? m.stringList(CLASS_NAMES) : List.of();
        Scaling scaling = Scaling.none();
        String kind = m.has(SCALER) ? m.string(SCALER) : Scaling.NONE;
        try {
            if (kind.equals(Scaling.STANDARDIZE) || kind.equals(Scaling.MINMAX)) {
                String[] names = paramNames(kind);
                scaling = new Scaling(kind, m.doubleArray(SCALER + "." + names[0]), m.doubleArray(SCALER + "." + names[1]));
            } else if (!kind.equals(Scaling.NONE)) {
                throw new IllegalArgumentException("unknown scaler kind " + Json.quote(kind)
                        + "; expected none, standardize or minmax");
            }
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "invalid scaler in the metadata: " + e.getMessage(), e);
        }
        DType dtype = null;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            DType d = e.getValue().dtype();
            if (dtype != null && d != dtype) {
                throw new SafeTensorsException(file, "the model's tensors mix " + SafeDType.name(dtype) + " and "
                        + SafeDType.name(d) + " (tensor " + Json.quote(e.getKey()) + "); expected one dtype");
            }
            dtype = d;
        }
        requireValuesFor(file, spec, tensors);
        Sequential model;
        try {
            model = spec.build(rng, dtype == null ? DType.FLOAT32 : dtype);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "invalid architecture in the metadata: " + e.getMessage(), e);
        }
        Map<String, int[]> expected = new LinkedHashMap<>();
        model.stateDict().forEach((k, a) -> expected.put(k, a.shape()));
        List<String> problems = fit(spec, expected, tensors, "the file");
        if (!problems.isEmpty()) {
            throw new SafeTensorsException(file, "the tensors do not fit the architecture: " + String.join("; ", problems));
        }
        model.loadStateDict(tensors);
        try {
            return new SavedModel(model, classNames, scaling);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "inconsistent metadata: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before the network is built, an architecture with more parameters than the file's
     * tensors hold: the metadata alone must not decide how much is allocated. Up to
     * {@link #SMALL_MODEL} parameters the network is built anyway, so that the shape check names each
     * tensor that does not fit.
     */
    private static void requireValuesFor(Path file, ModelSpec spec, Map<String, NDArray> tensors) {
        long values = 0;
        for (NDArray a : tensors.values()) {
            values += a.size();
        }
        if (spec.parameterCount() > Math.max(values, SMALL_MODEL)) {
            throw new SafeTensorsException(file, "the architecture " + spec + " has " + spec.parameterCount()
                    + " parameters but the file's tensors hold only " + values + " values");
        }
        MemoryBudget.require(file + ": the model's " + spec.parameterCount() + " parameters",
                MemoryBudget.bytes(spec.parameterCount(), Double.BYTES)); // float64 at most
    }

    /** Problems of names and shapes between what the spec needs and what {@code where} has; empty when they fit. */
    private static List<String> fit(ModelSpec spec, Map<String, int[]> expected, Map<String, NDArray> actual, String where) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            NDArray a = actual.get(e.getKey());
            if (a == null) {
                problems.add("tensor " + Json.quote(e.getKey()) + " of shape " + Arrays.toString(e.getValue())
                        + " is missing from " + where);
            } else if (!Arrays.equals(a.shape(), e.getValue())) {
                problems.add("tensor " + Json.quote(e.getKey()) + " has shape " + Arrays.toString(a.shape()) + " in "
                        + where + " but the architecture " + spec + " needs " + Arrays.toString(e.getValue()));
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                problems.add("unexpected tensor " + Json.quote(k) + " in " + where + " (the architecture " + spec
                        + " has " + expected.keySet() + ")");
            }
        }
        return capped(problems);
    }

    /** At most {@link #MAX_PROBLEMS} problems, then how many more, so that a message stays short. */
    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return problems;
        }
        List<String> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        first.add("and " + (problems.size() - MAX_PROBLEMS) + " more");
        return first;
    }
}
