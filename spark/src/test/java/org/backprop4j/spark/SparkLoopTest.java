package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.EarlyStopping;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.NanPolicy;
import org.backprop4j.train.NonFiniteException;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingInterruptedException;
import org.backprop4j.train.TrainingListener;
import org.backprop4j.train.TrainingPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Under Spark (local[2], two partitions) the trainer's own loop runs: the NaN policy (stop and
 * skip-batch), interruption with an exact resume from a checkpoint (mid-epoch and at an epoch
 * boundary, with Dropout), and early stopping behave as in a single process.
 */
class SparkLoopTest {
    private static final ModelSpec SPEC = new ModelSpec(64, new int[]{32}, 10, "relu", 0.1);
    private static final ModelRecipe RECIPE = ModelRecipe.of(SPEC, DType.FLOAT32);
    private static final Dataset DATA = Fixtures.digits(200);
    private static final int STEPS_PER_EPOCH = 7; // 200 samples in batches of 32

    @TempDir
    Path dir;

    /** A trainer of a fresh model (seed 5) on Spark with the given listeners, policy and interrupt step. */
    private static Trainer trainer(Sequential model, Optimizer opt, int epochs, NanPolicy policy, int stopEpoch,
                                   int stopStep, TrainingListener... listeners) {
        boolean[] stop = new boolean[1];
        Trainer.Builder b = Trainer.builder(model, opt).epochs(epochs).onNan(policy).interrupt(() -> stop[0])
                .executor(SparkSteps.builder(LocalSpark.context(), RECIPE).partitions(2).seed(3).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int step, int batchSize, double loss, int correct) {
                        stop[0] = epoch == stopEpoch && step == stopStep;
                    }
                });
        for (TrainingListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    private static Sequential model(Rng rng) {
        return SPEC.build(rng, DType.FLOAT32);
    }

    private static Adam adam(Sequential m) {
        return Adam.builder(m.parameters()).lr(0.01).build();
    }

    /** Sets one weight to {@code value} after step {@code step} of epoch 1; {@code onBatchSkipped} restores it. */
    private static TrainingListener poison(Tensor w, int step, List<String> skipped) {
        float[] before = new float[1];
        return new TrainingListener() {
            @Override
            public void onBatchEnd(int e, int s, int batchSize, double loss, int correct) {
                if (e == 1 && s == step) {
                    before[0] = w.data().floatData()[0];
                    w.data().set(0, Float.NaN);
                }
            }

            @Override
            public void onBatchSkipped(int epoch, int s, String problem) {
                skipped.add(epoch + "/" + s + ": " + problem);
                w.data().set(0, before[0]);
            }
        };
    }

    @Test
    void stopPolicyEndsSparkTrainingAtTheFirstNonFiniteStep() {
        Sequential m = model(new Rng(5));
        Optimizer opt = adam(m);
        Trainer t = trainer(m, opt, 2, NanPolicy.STOP, 0, 0, poison(m.parameters().get(0), 3, new ArrayList<>()));
        assertThatThrownBy(() -> t.fit(Fixtures.loader(DATA, 32, 1), null)).isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("epoch 1").hasMessageContaining("step 4");
        assertThat(opt.stepCount()).isEqualTo(3);
    }

    @Test
    void skipBatchPolicyDropsOnlyTheBadBatchUnderSpark() {
        Sequential m = model(new Rng(5));
        Optimizer opt = adam(m);
        List<String> skipped = new ArrayList<>();
        Trainer t = trainer(m, opt, 2, NanPolicy.SKIP_BATCH, 0, 0, poison(m.parameters().get(0), 3, skipped));
        List<EpochResult> h = t.fit(Fixtures.loader(DATA, 32, 1), null);
        assertThat(skipped).hasSize(1).allMatch(s -> s.startsWith("1/4: "));
        assertThat(h).hasSize(2);
        assertThat(opt.stepCount()).isEqualTo(2L * STEPS_PER_EPOCH - 1);
    }

    @ParameterizedTest(name = "interrupted after step {1} of epoch {0}")
    @CsvSource({"1, 3", "1, 7", "2, 5"})
    void anInterruptedSparkRunResumesFromItsCheckpointBitIdentically(int epoch, int step) {
        Rng fullRng = new Rng(5);
        Sequential full = model(fullRng);
        Optimizer fullOpt = adam(full);
        List<EpochResult> expected = trainer(full, fullOpt, 3, NanPolicy.STOP, 0, 0)
                .fit(DataLoader.builder(DATA).batchSize(32).shuffle(fullRng).build(), DATA);

        Rng rng = new Rng(5);
        Sequential first = model(rng);
        Optimizer opt = adam(first);
        Path file = dir.resolve("spark.safetensors");
        Map<String, Rng> rngs = new LinkedHashMap<>();
        rngs.put(CheckpointState.MODEL_RNG, rng);
        rngs.put(CheckpointState.LOADER_RNG, rng);
        List<EpochResult> done = new ArrayList<>();
        TrainingListener checkpointer = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                done.add(r);
            }

            @Override
            public void onInterrupt(TrainingPosition at) {
                Checkpoint.save(file, CheckpointState.capture(new SavedModel(SPEC, first, null, null), opt, at.epoch() - 1,
                        rngs, 0, done).withPosition(at));
            }
        };
        TrainingInterruptedException stopped = catchThrowableOfType(() -> trainer(first, opt, 3, NanPolicy.STOP, epoch,
                step, checkpointer).fit(DataLoader.builder(DATA).batchSize(32).shuffle(rng).build(), DATA),
                TrainingInterruptedException.class);
        assertThat(stopped).isNotNull();

        CheckpointState st = Checkpoint.load(file);
        Sequential second = st.model().model();
        Optimizer secondOpt = st.restoreOptimizer();
        Rng secondRng = st.rng(CheckpointState.LOADER_RNG);
        List<EpochResult> after = trainer(second, secondOpt, 3, NanPolicy.STOP, 0, 0)
                .fit(DataLoader.builder(DATA).batchSize(32).shuffle(secondRng).build(), DATA, st.resumePosition());

        assertThat(after).hasSize(3 - epoch + 1);
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).trainLoss()).isEqualTo(expected.get(epoch - 1 + i).trainLoss());
            assertThat(after.get(i).validationLoss()).isEqualTo(expected.get(epoch - 1 + i).validationLoss());
        }
        assertThat(secondOpt.stepCount()).isEqualTo(fullOpt.stepCount()).isEqualTo(3L * STEPS_PER_EPOCH);
        Map<String, NDArray> want = full.stateDict();
        second.stateDict().forEach((k, v) -> assertThat(v.toDoubleArray()).as(k).containsExactly(want.get(k).toDoubleArray()));
    }

    @Test
    void earlyStoppingEndsASparkRunWhereItEndsASingleProcessRun() {
        Dataset validation = Fixtures.digits(600);
        ModelRecipe noDropout = Fixtures.mlp(DType.FLOAT32); // so that both runs take the same steps
        List<List<EpochResult>> runs = new ArrayList<>();
        for (boolean spark : new boolean[]{false, true}) {
            Module m = noDropout.create(new Rng(5));
            EarlyStopping stopper = new EarlyStopping(1);
            Trainer.Builder b = Trainer.builder(m, Adam.builder(m.parameters()).lr(0.05).build()).epochs(40)
                    .listener(stopper);
            if (spark) {
                b.executor(SparkSteps.builder(LocalSpark.context(), noDropout).partitions(2).build());
            }
            runs.add(b.build().fit(Fixtures.loader(DATA, 32, 6), validation));
            assertThat(stopper.shouldStop()).isTrue();
        }
        assertThat(runs.get(1)).hasSizeLessThan(40).hasSameSizeAs(runs.get(0));
        assertThat(runs.get(1).get(runs.get(1).size() - 1).validationLoss())
                .isCloseTo(runs.get(0).get(runs.get(0).size() - 1).validationLoss(), within(1e-4));
    }
}
