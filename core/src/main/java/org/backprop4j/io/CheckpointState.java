package org.backprop4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingPosition;

/**
 * Everything a training run needs to continue bit-identically after a restart, saved by
 * {@link Checkpoint}: the model, the optimiser's kind, hyper-parameters and state, the number of
 * completed epochs, every random generator by name, the scheduler position, the history so far, and
 * free-form options (such as the command line's batch size or data set) for the caller.
 *
 * <p>Generators are held as live objects and their states are read when the checkpoint is saved. The
 * same {@link Rng} object may appear under several names (for example one generator that both
 * initialises the model and shuffles the data): the checkpoint records that, and loading gives back
 * one shared object, so the interleaving of draws continues exactly. By convention the generator
 * under {@link #MODEL_RNG} is the one the model was built with (its Dropout layers draw from it),
 * and {@link #LOADER_RNG} the one that shuffles the training data.
 *
 * @param model the model, its architecture, class names and scaling
 * @param optimizer the optimiser's kind and hyper-parameters
 * @param optimizerState the optimiser's {@link Optimizer#stateDict()} (copied map; arrays shared)
 * @param epoch the number of completed epochs (resume with {@code trainer.fit(loader, validation, epoch + 1)})
 * @param rngs the generators by name (copied map, same objects)
 * @param schedulerStep the position of a step-wise {@link org.backprop4j.optim.Scheduler} ({@code t()}), 0 if none
 * @param history one result per completed epoch (copied)
 * @param options free-form string options of the run (copied; null means none)
 * @param position where in the epoch after {@code epoch} the run stopped, for a checkpoint written in
 *                 the middle of an epoch (on Ctrl-C or SIGTERM); null at an epoch boundary
 */
public record CheckpointState(SavedModel model, OptimizerSpec optimizer, Map<String, NDArray> optimizerState, int epoch,
                              Map<String, Rng> rngs, int schedulerStep, List<EpochResult> history,
                              Map<String, String> options, TrainingPosition position) {

    /** Conventional name of the generator the model was built with (weights and dropout masks). */
    public static final String MODEL_RNG = "model";
    /** Conventional name of the generator that shuffles the training data. */
    public static final String LOADER_RNG = "loader";

    /** Checks the fields and copies the collections (keeping their order). */
    public CheckpointState {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(optimizerState, "optimizerState");
        if (epoch < 0 || schedulerStep < 0) {
            throw new IllegalArgumentException("epoch and schedulerStep must be >= 0, got " + epoch + " and "
                    + schedulerStep);
        }
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        rngs = Collections.unmodifiableMap(new LinkedHashMap<>(rngs == null ? Map.of() : rngs));
        rngs.forEach((k, v) -> Objects.requireNonNull(v, () -> "rng " + k));
        history = history == null ? List.of() : List.copyOf(history);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
        if (position != null && position.epoch() != epoch + 1) {
            throw new IllegalArgumentException("a position in epoch " + position.epoch() + " does not follow "
                    + epoch + " completed epochs");
        }
    }

    /**
     * The state of a run now: the optimiser's spec ({@link OptimizerSpec#of}, whose learning rate is
     * the current one) and a copy of its state dict, with the given generators, position and history
     * (options empty). When a schedule changes the rate, use the overload with the spec holding the
     * base rate, so the schedule can be rebuilt from it.
     */
    public static CheckpointState capture(SavedModel model, Optimizer optimizer, int epoch, Map<String, Rng> rngs,
                                          int schedulerStep, List<EpochResult> history) {
        return capture(model, OptimizerSpec.of(optimizer), optimizer, epoch, rngs, schedulerStep, history);
    }

    /**
     * As {@link #capture(SavedModel, Optimizer, int, Map, int, List)} with an explicit spec (such as
     * the one the optimiser was built from, with the base learning rate); the state dict's {@code lr}
     * still restores the current rate.
     */
    public static CheckpointState capture(SavedModel model, OptimizerSpec spec, Optimizer optimizer, int epoch,
                                          Map<String, Rng> rngs, int schedulerStep, List<EpochResult> history) {
        return new CheckpointState(model, spec, optimizer.stateDict(), epoch, rngs, schedulerStep, history, Map.of(), null);
    }

    /** This state with other options. */
    public CheckpointState withOptions(Map<String, String> newOptions) {
        return new CheckpointState(model, optimizer, optimizerState, epoch, rngs, schedulerStep, history, newOptions,
                position);
    }

    /** This state with a position in the middle of epoch {@code epoch + 1} (null: at the epoch boundary). */
    public CheckpointState withPosition(TrainingPosition newPosition) {
        return new CheckpointState(model, optimizer, optimizerState, epoch, rngs, schedulerStep, history, options,
                newPosition);
    }

    /** Where training continues: the saved position, or the start of the epoch after the completed ones. */
    public TrainingPosition resumePosition() {
        return position != null ? position : TrainingPosition.startOf(epoch + 1);
    }

    /** A new optimiser over the model's parameters, built from the spec, with the saved state restored. */
    public Optimizer restoreOptimizer() {
        Optimizer o = optimizer.build(model.model().parameters());
        o.loadStateDict(optimizerState);
        return o;
    }

    /** The generator of a name; throws naming the names present when there is none. */
    public Rng rng(String name) {
        Rng r = rngs.get(name);
        if (r == null) {
            throw new IllegalArgumentException("the checkpoint has no generator '" + name + "'; it has " + rngs.keySet());
        }
        return r;
    }
}
