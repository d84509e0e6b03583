package org.backprop4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingPosition;

/**
 * Saves and loads a {@link CheckpointState} as one safetensors file: the model's tensors under their
 * PyTorch names (as in a {@link ModelFile}, so {@link ModelFile#load} reads a checkpoint's model
 * too), the optimiser's state under {@code optimizer.}-prefixed names ({@code optimizer.step},
 * {@code optimizer.0.exp_avg}, ...), and everything else in {@code __metadata__}: the model's
 * metadata, {@code epoch}, {@code optimizer} (a JSON object of the kind and hyper-parameters),
 * {@code rngs} (each name maps to its six state words, or to the name of an earlier entry that is the
 * same generator), {@code scheduler_step}, {@code history} (a JSON array of per-epoch objects) and
 * {@code options}, and for a checkpoint written in the middle of an epoch {@code position} (a JSON object of the
 * {@link org.backprop4j.train.TrainingPosition}). Doubles are written with {@link Double#toString(double)} and states as exact
 * integers, so a resumed run continues bit-identically.
 *
 * <pre>{@code
 * // after epoch e:
 * Checkpoint.save(path, CheckpointState.capture(saved, optimizer, e,
 *         Map.of("model", rng, "loader", shuffleRng), 0, history));
 * // later, in a fresh process:
 * CheckpointState st = Checkpoint.load(path);
 * Optimizer opt = st.restoreOptimizer();
 * DataLoader loader = DataLoader.builder(train).batchSize(32).shuffle(st.rng("loader")).build();
 * Trainer.builder(st.model().model(), opt).epochs(total).build().fit(loader, validation, st.resumePosition());
 * }</pre>
 */
public final class Checkpoint {
    /** Value of {@link ModelFile#FORMAT} in a checkpoint file. */
    public static final String CHECKPOINT_FORMAT = "backprop4j-checkpoint";
    /** Prefix of the optimiser's state tensors. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";

    private static final String EPOCH = "epoch";
    private static final String OPTIMIZER = "optimizer";
    private static final String RNGS = "rngs";
    private static final String SCHEDULER_STEP = "scheduler_step";
    private static final String HISTORY = "history";
    private static final String OPTIONS = "options";
    private static final String[] HISTORY_FIELDS = {"epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
        "seconds", "samples_per_second", "lr"};

    private Checkpoint() {
    }

    /** Writes the checkpoint atomically, reading the generators' states now. */
    public static void save(Path file, CheckpointState state) {
        Objects.requireNonNull(state, "state");
        Map<String, NDArray> tensors = new LinkedHashMap<>(ModelFile.tensors(file, state.model()));
        state.optimizerState().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ModelFile.FORMAT, CHECKPOINT_FORMAT);
        meta.put(ModelFile.FORMAT_VERSION, Integer.toString(ModelFile.VERSION));
        meta.putAll(ModelFile.metadata(state.model()));
        meta.put(EPOCH, Integer.toString(state.epoch()));
        meta.put(OPTIMIZER, optimizerJson(state.optimizer()));
        meta.put(RNGS, rngsJson(state.rngs()));
        meta.put(SCHEDULER_STEP, Integer.toString(state.schedulerStep()));
        meta.put(HISTORY, historyJson(state.history()));
        meta.put(OPTIONS, Json.stringObject(state.options()));
        if (state.position() != null) {
            meta.put(CheckpointPosition.KEY, CheckpointPosition.json(state.position()));
        }
        new SafeTensorsFile(tensors, meta).write(file);
    }

    /**
     * Reads a checkpoint: rebuilds the model with the generator saved under
     * {@link CheckpointState#MODEL_RNG} (if any), then restores every generator's state, and checks
     * that the optimiser state fits the model. Throws a {@link SafeTensorsException} naming the file
     * and the problem when anything is missing or invalid.
     */
    public static CheckpointState load(Path file) {
        SafeTensorsFile f = SafeTensorsFile.read(file);
        ModelFile.requireFormat(f.metadata(), file, CHECKPOINT_FORMAT);
        Meta m = new Meta(f.metadata(), file);
        Map<String, NDArray> modelTensors = new LinkedHashMap<>();
        Map<String, NDArray> optState = new LinkedHashMap<>();
        f.tensors().forEach((k, v) -> {
            if (k.startsWith(OPTIMIZER_PREFIX)) {
                optState.put(k.substring(OPTIMIZER_PREFIX.length()), v);
            } else {
                modelTensors.put(k, v);
            }
        });
        Map<String, long[]> states = new LinkedHashMap<>();
        Map<String, Rng> rngs = readRngs(m, states);
        Rng modelRng = rngs.getOrDefault(CheckpointState.MODEL_RNG, new Rng(0));
        SavedModel model = ModelFile.fromFile(file, f.metadata(), modelTensors, modelRng);
        // building the model drew its initial weights from the generator: restore the saved states afterwards
        states.forEach((k, s) -> rngs.get(k).setState(s));
        OptimizerSpec spec = readOptimizer(m);
        int epoch = nonNegative(m, EPOCH);
        int schedulerStep = nonNegative(m, SCHEDULER_STEP);
        List<EpochResult> history = readHistory(m);
        Map<String, String> options = new LinkedHashMap<>();
        if (m.has(OPTIONS)) {
            for (Map.Entry<?, ?> e : m.object(OPTIONS).entrySet()) {
                if (!(e.getValue() instanceof String)) {
                    throw m.fail(OPTIONS, "must map names to strings");
                }
                options.put((String) e.getKey(), (String) e.getValue());
            }
        }
        TrainingPosition position = CheckpointPosition.read(m);
        if (position != null && position.epoch() != epoch + 1) {
            throw m.fail(CheckpointPosition.KEY, "is in epoch " + position.epoch() + ", which does not follow the "
                    + epoch + " completed epochs");
        }
        CheckpointState state;
        try {
            state = new CheckpointState(model, spec, optState, epoch, rngs, schedulerStep, history, options, position);
            Optimizer probe = spec.build(model.model().parameters());
            probe.loadStateDict(optState); // validates names, shapes and counters; the model is untouched
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "invalid optimizer state: " + e.getMessage(), e);
        }
        return state;
    }

    private static int nonNegative(Meta m, String key) {
        int v = m.integer(key);
        if (v < 0) {
            throw m.fail(key, "must be >= 0, got " + v);
        }
        return v;
    }

    // ---------------------------------------------------------------- optimizer

    private static String optimizerJson(OptimizerSpec o) {
        return "{\"name\":" + Json.quote(o.name()) + ",\"lr\":" + Json.number(o.lr()) + ",\"momentum\":"
                + Json.number(o.momentum()) + ",\"dampening\":" + Json.number(o.dampening()) + ",\"nesterov\":"
                + o.nesterov() + ",\"weight_decay\":" + Json.number(o.weightDecay()) + ",\"beta1\":"
                + Json.number(o.beta1()) + ",\"beta2\":" + Json.number(o.beta2()) + ",\"eps\":" + Json.number(o.eps())
                + ",\"amsgrad\":" + o.amsgrad() + "}";
    }

    private static OptimizerSpec readOptimizer(Meta m) {
        Map<?, ?> o = m.object(OPTIMIZER);
        Object name = o.get("name");
        if (!(name instanceof String)) {
            throw m.fail(OPTIMIZER, "has no string \"name\"");
        }
        try {
            return new OptimizerSpec((String) name, num(m, o, "lr"), num(m, o, "momentum"), num(m, o, "dampening"),
                    bool(m, o, "nesterov"), num(m, o, "weight_decay"), num(m, o, "beta1"), num(m, o, "beta2"),
                    num(m, o, "eps"), bool(m, o, "amsgrad"));
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw m.fail(OPTIMIZER, "is invalid: " + e.getMessage());
        }
    }

    private static double num(Meta m, Map<?, ?> o, String field) {
        Object v = o.get(field);
        if (!(v instanceof Json.Num)) {
            throw m.fail(OPTIMIZER, "needs a number \"" + field + "\"");
        }
        return ((Json.Num) v).doubleValue();
    }

    private static boolean bool(Meta m, Map<?, ?> o, String field) {
        Object v = o.get(field);
        if (!(v instanceof Boolean)) {
            throw m.fail(OPTIMIZER, "needs a boolean \"" + field + "\"");
        }
        return (Boolean) v;
    }

    // ---------------------------------------------------------------- generators

    private static String rngsJson(Map<String, Rng> rngs) {
        Map<Rng, String> firstName = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Rng> e : rngs.entrySet()) {
            sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':');
            String alias = firstName.putIfAbsent(e.getValue(), e.getKey());
            sb.append(alias != null ? Json.quote(alias) : Json.longArray(e.getValue().state()));
            first = false;
        }
        return sb.append('}').toString();
    }

    /** New generators by name (aliases share one object); {@code states} receives each distinct generator's saved state. */
    private static Map<String, Rng> readRngs(Meta m, Map<String, long[]> states) {
        Map<String, Rng> rngs = new LinkedHashMap<>();
        if (!m.has(RNGS)) {
            return rngs;
        }
        for (Map.Entry<?, ?> e : m.object(RNGS).entrySet()) {
            String name = (String) e.getKey();
            Object v = e.getValue();
            if (v instanceof String alias) {
                Rng target = rngs.get(alias);
                if (target == null) {
                    throw m.fail(RNGS, "entry " + Json.quote(name) + " refers to " + Json.quote(alias)
                            + ", which is not an earlier entry");
                }
                rngs.put(name, target);
            } else if (v instanceof List<?> list) {
                long[] s = m.longs(list, RNGS);
                if (s.length != 6) {
                    throw m.fail(RNGS, "entry " + Json.quote(name) + " must have 6 state words, got " + s.length);
                }
                Rng r = new Rng(0);
                r.setState(s);
                rngs.put(name, r);
                states.put(name, s);
            } else {
                throw m.fail(RNGS, "entry " + Json.quote(name) + " must be an array of 6 integers or the name of an "
                        + "earlier entry");
            }
        }
        return rngs;
    }

    // ---------------------------------------------------------------- history

    private static String historyJson(List<EpochResult> history) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < history.size(); i++) {
            EpochResult r = history.get(i);
            double[] v = {r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(), r.seconds(),
                r.samplesPerSecond(), r.learningRate()};
            sb.append(i == 0 ? "{" : ",{").append("\"epoch\":").append(r.epoch());
            for (int k = 0; k < v.length; k++) {
                sb.append(",\"").append(HISTORY_FIELDS[k + 1]).append("\":").append(Meta.anyDouble(v[k]));
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static List<EpochResult> readHistory(Meta m) {
        List<EpochResult> out = new ArrayList<>();
        if (!m.has(HISTORY)) {
            return out;
        }
        for (Object o : m.array(HISTORY)) {
            if (!(o instanceof Map<?, ?> row)) {
                throw m.fail(HISTORY, "must be an array of objects");
            }
            double[] v = new double[HISTORY_FIELDS.length];
            for (int k = 0; k < v.length; k++) {
                if (!row.containsKey(HISTORY_FIELDS[k])) {
                    throw m.fail(HISTORY, "entry " + out.size() + " lacks \"" + HISTORY_FIELDS[k] + "\"");
                }
                v[k] = k == 0 ? m.integer(row.get(HISTORY_FIELDS[k]), HISTORY, 0, Integer.MAX_VALUE)
                        : m.number(row.get(HISTORY_FIELDS[k]), HISTORY);
            }
            out.add(new EpochResult((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        return out;
    }
}
