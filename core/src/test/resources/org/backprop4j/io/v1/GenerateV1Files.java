import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;

/**
 * Writes model-v1.safetensors and checkpoint-v1.safetensors with backprop4j 0.1.0 as of commit 34ef629
 * (model format version 1), for ModelFileCompatibilityTest. Run from this directory with
 *   java -cp /work/main/core/target/backprop4j-core-0.1.0-SNAPSHOT.jar GenerateV1Files.java
 */
public class GenerateV1Files {
    public static void main(String[] args) {
        ModelSpec spec = new ModelSpec(4, new int[]{3}, 2, "tanh", 0);
        Rng rng = new Rng(7);
        Sequential model = spec.build(rng, DType.FLOAT32);
        Scaling scaling = Scaling.of(new Standardizer(new double[]{1, 2, 3, 4}, new double[]{0.5, 1, 2, 4}));
        SavedModel saved = new SavedModel(spec, model, List.of("no", "yes"), scaling);
        ModelFile.save(Path.of("model-v1.safetensors"), saved);
        Optimizer opt = SGD.builder(model.parameters()).lr(0.05).momentum(0.9).weightDecay(1e-4).build();
        Tensor x = Tensor.of(new float[]{0.5f, -1f, 2f, 0.25f}, 1, 4);
        model.forward(x).sum().backward();
        opt.step();
        Checkpoint.save(Path.of("checkpoint-v1.safetensors"),
                CheckpointState.capture(saved, opt, 1, Map.of(CheckpointState.MODEL_RNG, rng), 0, null));
    }
}
