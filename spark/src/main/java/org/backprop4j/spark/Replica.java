package org.backprop4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Optimizer;

/**
 * A worker's copy of the model (and, in the averaging mode, of the optimiser), built once per run
 * and partition and kept in the executor between steps; its values are overwritten every round.
 * The Dropout masks come from {@link #rng()}, reseeded every step from (seed, step, partition).
 */
final class Replica {
    private static final int MAX_CACHED = 64;
    private static final Map<String, Replica> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Replica> eldest) {
            return size() > MAX_CACHED;
        }
    };

    private final Module model;
    private final Rng rng;
    private Optimizer optimizer;

    private Replica(Module model, Rng rng) {
        this.model = model;
        this.rng = rng;
    }

    /** The replica of run {@code runId} for {@code partition}, built with {@code factory} on first use. */
    static Replica of(String runId, int partition, ModelFactory factory) {
        String key = runId + "/" + partition;
        synchronized (CACHE) {
            Replica r = CACHE.get(key);
            if (r == null) {
                Rng rng = new Rng(0);
                r = new Replica(factory.create(rng), rng);
                CACHE.put(key, r);
            }
            return r;
        }
    }

    /** The model replica. */
    Module model() {
        return model;
    }

    /** The generator of the replica's Dropout layers. */
    Rng rng() {
        return rng;
    }

    /** Reseeds the Dropout generator for one step of one partition: {@code Rng(seed ^ mix(step, partition))}. */
    void reseed(long seed, long step, int partition) {
        long mixed = seed ^ (step * 0x9E3779B97F4A7C15L) ^ ((partition + 1L) * 0xC2B2AE3D27D4EB4FL);
        rng.setState(new Rng(mixed).state());
    }

    /** The optimiser replica, built from {@code recipe} on first use. */
    Optimizer optimizer(OptimizerRecipe recipe) {
        if (optimizer == null) {
            optimizer = recipe.build(model.parameters());
        }
        return optimizer;
    }
}
