package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.SavedModel;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingListener;

/** Saves a checkpoint (model, optimiser state, epoch, random state, history, run options) after every epoch. */
final class Checkpointer implements TrainingListener {
    private final Path file;
    private final SavedModel model;
    private final Optimizer optimizer;
    private final Rng rng;
    private final Map<String, String> options;
    private final List<EpochResult> history;

    /** A checkpointer that continues {@code history} (the epochs before a resume, else empty). */
    Checkpointer(Path file, SavedModel model, Optimizer optimizer, Rng rng, Map<String, String> options,
                 List<EpochResult> history) {
        this.file = file;
        this.model = model;
        this.optimizer = optimizer;
        this.rng = rng;
        this.options = options;
        this.history = new ArrayList<>(history);
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        history.add(r);
        // one generator initialises the model, draws dropout masks and shuffles the data: saved under both names
        Map<String, Rng> rngs = new LinkedHashMap<>();
        rngs.put(CheckpointState.MODEL_RNG, rng);
        rngs.put(CheckpointState.LOADER_RNG, rng);
        CheckpointState state = CheckpointState.capture(model, optimizer, r.epoch(), rngs, r.epoch(), history)
                .withOptions(options);
        Checkpoint.save(file, state);
    }
}
