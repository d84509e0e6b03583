package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run interrupted at a step boundary, saved with {@link Checkpoint} and continued in fresh objects
 * from the saved {@link TrainingPosition} is bit-identical to the uninterrupted run: the same steps,
 * the same final weights and optimiser state, the same per-epoch figures and the same test loss. The
 * model has Dropout, drawing from the generator that also shuffles, so the generator's position
 * matters as much as the sample order.
 */
class ExactResumeTest {
    private static final ModelSpec SPEC = new ModelSpec(4, new int[]{16}, 3, "relu", 0.2);
    private static final Dataset IRIS = Standardizer.fit(Datasets.iris()).transform(Datasets.iris());
    private static final int EPOCHS = 3;
    private static final int STEPS_PER_EPOCH = 10; // 150 samples in batches of 16

    @TempDir
    Path dir;

    /** One run's objects: model, optimiser, the shared generator and its trainer. */
    private record Run(Sequential model, Optimizer optimizer, Rng rng, Trainer trainer, DataLoader loader) {
    }

    private static Run newRun(Rng rng, Sequential model, Optimizer opt, int stopEpoch, int stopStep) {
        boolean[] stop = new boolean[1];
        Trainer trainer = Trainer.builder(model, opt).epochs(EPOCHS).interrupt(() -> stop[0])
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int step, int batchSize, double loss, int correct) {
                        stop[0] = epoch == stopEpoch && step == stopStep;
                    }
                }).build();
        return new Run(model, opt, rng, trainer, DataLoader.builder(IRIS).batchSize(16).shuffle(rng).build());
    }

    private static Run fresh(int stopEpoch, int stopStep) {
        Rng rng = new Rng(7);
        Sequential model = SPEC.build(rng, DType.FLOAT32);
        return newRun(rng, model, Adam.builder(model.parameters()).lr(0.01).build(), stopEpoch, stopStep);
    }

    @ParameterizedTest(name = "interrupted after step {1} of epoch {0}")
    @CsvSource({"1, 1", "2, 4", "2, 10", "3, 9"})
    void resumingFromAnyStepIsBitIdentical(int epoch, int step) {
        Run full = fresh(0, 0);
        List<EpochResult> expected = full.trainer().fit(full.loader(), IRIS);

        Run first = fresh(epoch, step);
        TrainingInterruptedException stopped = catchThrowableOfType(() -> first.trainer().fit(first.loader(), IRIS),
                TrainingInterruptedException.class);
        assertThat(stopped).isNotNull();
        TrainingPosition at = stopped.position();
        assertThat(at.epoch()).isEqualTo(epoch);
        assertThat(at.step()).isEqualTo(step);
        assertThat(first.optimizer().stepCount()).isEqualTo((long) (epoch - 1) * STEPS_PER_EPOCH + step);

        Path file = dir.resolve("ckpt.safetensors");
        Map<String, Rng> rngs = new LinkedHashMap<>();
        rngs.put(CheckpointState.MODEL_RNG, first.rng());
        rngs.put(CheckpointState.LOADER_RNG, first.rng());
        List<EpochResult> done = expected.subList(0, epoch - 1);
        Checkpoint.save(file, CheckpointState.capture(new SavedModel(SPEC, first.model(), null, null), first.optimizer(),
                epoch - 1, rngs, 0, done).withPosition(at));

        CheckpointState st = Checkpoint.load(file);
        assertThat(st.resumePosition()).usingRecursiveComparison().isEqualTo(at);
        Rng rng = st.rng(CheckpointState.LOADER_RNG);
        assertThat(st.rng(CheckpointState.MODEL_RNG)).isSameAs(rng);
        Run second = newRun(rng, st.model().model(), st.restoreOptimizer(), 0, 0);
        List<EpochResult> after = second.trainer().fit(second.loader(), IRIS, st.resumePosition());

        assertThat(after).hasSize(EPOCHS - epoch + 1);
        for (int i = 0; i < after.size(); i++) {
            EpochResult a = expected.get(epoch - 1 + i);
            EpochResult b = after.get(i);
            assertThat(b.epoch()).isEqualTo(a.epoch());
            assertThat(b.trainLoss()).as("train loss of epoch %d", a.epoch()).isEqualTo(a.trainLoss());
            assertThat(b.trainAccuracy()).isEqualTo(a.trainAccuracy());
            assertThat(b.validationLoss()).isEqualTo(a.validationLoss());
            assertThat(b.learningRate()).isEqualTo(a.learningRate());
        }
        assertThat(second.optimizer().stepCount()).isEqualTo(full.optimizer().stepCount());
        assertSameArrays(second.model().stateDict(), full.model().stateDict());
        assertSameArrays(second.optimizer().stateDict(), full.optimizer().stateDict());
        assertThat(second.rng().state()).containsExactly(full.rng().state());
        assertThat(second.trainer().evaluate(IRIS).loss()).isEqualTo(full.trainer().evaluate(IRIS).loss());
    }

    private static void assertSameArrays(Map<String, NDArray> got, Map<String, NDArray> want) {
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((k, v) -> assertThat(got.get(k).toDoubleArray()).as(k).containsExactly(v.toDoubleArray()));
    }
}
