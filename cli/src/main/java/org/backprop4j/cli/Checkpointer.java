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

    /** The option that marks a checkpoint written on Ctrl-C in the middle of an epoch: "epoch E step S". */
    static final String INTERRUPTED_AT = "interrupted-at";

    @Override
    public void onEpochEnd(EpochResult r) {
        history.add(r);
        save(r.epoch(), options);
    }

    /**
     * On Ctrl-C, saves the state after {@code step} of {@code epoch}: the model and optimiser as they are
     * at this step boundary, the completed epochs as {@code epoch - 1}, and the option
     * {@value #INTERRUPTED_AT}; resuming from it repeats epoch {@code epoch} from its start.
     */
    @Override
    public void onInterrupt(int epoch, int step) {
        Map<String, String> o = new LinkedHashMap<>(options);
        o.put(INTERRUPTED_AT, "epoch " + epoch + " step " + step);
        save(epoch - 1, o);
        System.err.println("checkpoint saved to " + file + " after step " + step + " of epoch " + epoch);
    }

    private void save(int completedEpochs, Map<String, String> opts) {
        // one generator initialises the model, draws dropout masks and shuffles the data: saved under both names
        Map<String, Rng> rngs = new LinkedHashMap<>();
        rngs.put(CheckpointState.MODEL_RNG, rng);
        rngs.put(CheckpointState.LOADER_RNG, rng);
        CheckpointState state = CheckpointState.capture(model, optimizer, completedEpochs, rngs, completedEpochs, history)
                .withOptions(opts);
        Checkpoint.save(file, state);
    }
}
