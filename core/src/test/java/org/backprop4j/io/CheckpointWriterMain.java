package org.backprop4j.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/**
 * The child process of {@link CheckpointKillTest}: writes checkpoints to the file in args[0] in an
 * endless loop. Checkpoint number c (continuing after the one on disk, if any) has epoch c, every
 * model parameter equal to c and the option "counter" = c, so a reader can tell a complete
 * checkpoint from a mixed or partial one. Prints "saved c" after each save.
 */
public final class CheckpointWriterMain {
    /** The architecture of the checkpoints: big enough that a kill often lands inside a write. */
    static final ModelSpec SPEC = new ModelSpec(256, new int[]{256}, 10, "relu", 0);

    private CheckpointWriterMain() {
    }

    /** Writes checkpoints to args[0] until killed. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int counter = Files.exists(file) ? Checkpoint.load(file).epoch() : 0;
        Rng rng = new Rng(1);
        Sequential model = SPEC.build(rng, DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        SavedModel saved = new SavedModel(SPEC, model, null, null);
        while (true) {
            counter++;
            for (Tensor p : model.parameters()) {
                p.data().fillInPlace(counter);
            }
            Checkpoint.save(file, CheckpointState.capture(saved, opt, counter, Map.of(CheckpointState.MODEL_RNG, rng), 0, null)
                    .withOptions(Map.of("counter", Integer.toString(counter))));
            System.out.println("saved " + counter);
            System.out.flush();
        }
    }
}
