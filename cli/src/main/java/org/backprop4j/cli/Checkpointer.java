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
import org.backprop4j.train.TrainingPosition;

/**
 * Saves a checkpoint (model, optimiser state, epoch, random state, history, run options) after every
 * epoch, and on an interrupt at the step where training stopped, with its position in the epoch.
 */
final class Checkpointer implements TrainingListener {
    private final Path file;
    private final SavedModel model;
    private final Optimizer optimizer;
    private final Rng rng;
    private final Map<String, String> options;
    private final List<EpochResult> history;
    private final CtrlC signals;

    /**
     * A checkpointer that continues {@code history} (the epochs before a resume, else empty); its
     * writes are not cut short by a second signal to {@code signals}.
     */
    Checkpointer(Path file, SavedModel model, Optimizer optimizer, Rng rng, Map<String, String> options,
                 List<EpochResult> history, CtrlC signals) {
        this.file = file;
        this.model = model;
        this.optimizer = optimizer;
        this.rng = rng;
        this.options = options;
        this.history = new ArrayList<>(history);
        this.signals = signals;
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        history.add(r);
        save(r.epoch(), null);
    }

    /**
     * On a signal, saves the state at the step boundary {@code at}: the model, optimiser and generator
     * as they are, the completed epochs, and the position in the epoch under way, so that resuming
     * continues with the next step exactly as the uninterrupted run would have.
     */
    @Override
    public void onInterrupt(TrainingPosition at) {
        save(at.epoch() - 1, at);
        System.err.println("checkpoint saved to " + file + " after step " + at.step() + " of epoch " + at.epoch());
    }

    private void save(int completedEpochs, TrainingPosition position) {
        // one generator initialises the model, draws dropout masks and shuffles the data: saved under both names
        Map<String, Rng> rngs = new LinkedHashMap<>();
        rngs.put(CheckpointState.MODEL_RNG, rng);
        rngs.put(CheckpointState.LOADER_RNG, rng);
        CheckpointState state = CheckpointState.capture(model, optimizer, completedEpochs, rngs, completedEpochs, history)
                .withOptions(options).withPosition(position);
        signals.uninterruptibly(() -> Checkpoint.save(file, state));
    }
}
