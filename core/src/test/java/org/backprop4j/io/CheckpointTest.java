package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.StepLR;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A run resumed from a checkpoint continues bit-identically to one that never stopped. */
class CheckpointTest {
    private static final int EPOCHS = 4;
    private static final int SPLIT_AT = 2;
    private static final ModelSpec SPEC = new ModelSpec(64, new int[]{32, 16}, 10, "relu", 0.2);

    private static Dataset train;
    private static Dataset validation;
    private static Standardizer scaler;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        Dataset digits = Datasets.digits();
        int[] a = new int[300];
        int[] b = new int[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = 300 + i;
        }
        Dataset rawTrain = digits.subset(a);
        scaler = Standardizer.fit(rawTrain);
        train = scaler.transform(rawTrain);
        validation = scaler.transform(digits.subset(b));
    }

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of(new OptimizerSpec("adam", Map.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 1e-4, "amsgrad", false)), false, false),
                Arguments.of(new OptimizerSpec("sgd", Map.of("lr", 0.05, "momentum", 0.9, "dampening", 0, "nesterov", true, "weight_decay", 1e-4)), false, true),
                Arguments.of(new OptimizerSpec("sgd", Map.of("lr", 0.05, "momentum", 0.9, "dampening", 0.1, "nesterov", false, "weight_decay", 0)), true, false),
                Arguments.of(new OptimizerSpec("adamw", Map.of("lr", 2e-3, "beta1", 0.8, "beta2", 0.99, "eps", 1e-7, "weight_decay", 0.01, "amsgrad", true)), true, true));
    }

    /** One training run's live objects. */
    private record Run(Sequential model, Optimizer optimizer, Rng modelRng, Rng loaderRng, DataLoader loader) {
        static Run fresh(OptimizerSpec opt, boolean sharedRng) {
            Rng modelRng = new Rng(11);
            Rng loaderRng = sharedRng ? modelRng : new Rng(12);
            Sequential model = SPEC.build(modelRng, DType.FLOAT32);
            return new Run(model, opt.build(model.parameters()), modelRng, loaderRng,
                    DataLoader.builder(train).batchSize(32).shuffle(loaderRng).build());
        }

        Map<String, Rng> rngs() {
            Map<String, Rng> m = new LinkedHashMap<>();
            m.put(CheckpointState.MODEL_RNG, modelRng);
            m.put(CheckpointState.LOADER_RNG, loaderRng);
            return m;
        }
    }

    private static Trainer trainer(Sequential model, Optimizer opt, int epochs, boolean schedule) {
        return trainer(model, opt, epochs, schedule ? OptimizerSpec.of(opt).lr() : 0);
    }

    /** A trainer with a step schedule from {@code baseLr} when it is positive. */
    private static Trainer trainer(Sequential model, Optimizer opt, int epochs, double baseLr) {
        Trainer.Builder b = Trainer.builder(model, opt).epochs(epochs);
        if (baseLr > 0) {
            b.schedule(new StepLR(baseLr, 1, 0.5));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, shared rng {1}, schedule {2}")
    @MethodSource("runs")
    void resumedRunIsBitIdenticalToAnUninterruptedOne(OptimizerSpec opt, boolean sharedRng, boolean schedule) {
        // uninterrupted
        Run full = Run.fresh(opt, sharedRng);
        double baseLr = schedule ? opt.lr() : 0;
        List<EpochResult> fullHistory = trainer(full.model, full.optimizer, EPOCHS, baseLr).fit(full.loader, validation);

        // interrupted after SPLIT_AT epochs
        Run first = Run.fresh(opt, sharedRng);
        List<EpochResult> firstHistory = trainer(first.model, first.optimizer, SPLIT_AT, baseLr)
                .fit(first.loader, validation);
        Path file = dir.resolve("ckpt.safetensors");
        SavedModel saved = new SavedModel(SPEC, first.model, train.classNames(), Scaling.of(scaler));
        Checkpoint.save(file, CheckpointState.capture(saved, opt, first.optimizer, SPLIT_AT, first.rngs(), 0, firstHistory)
                .withOptions(Map.of("batch_size", "32")));

        // fresh objects from the file only
        CheckpointState st = Checkpoint.load(file);
        assertThat(st.epoch()).isEqualTo(SPLIT_AT);
        assertThat(st.optimizer()).isEqualTo(opt);
        assertThat(st.options()).containsExactly(Map.entry("batch_size", "32"));
        assertThat(st.model().scaling()).isEqualTo(Scaling.of(scaler));
        assertThat(st.model().classNames()).isEqualTo(train.classNames());
        assertThat(st.rng("model") == st.rng("loader")).isEqualTo(sharedRng);
        assertSameHistory(st.history(), firstHistory);
        Optimizer optimizer = st.restoreOptimizer();
        DataLoader loader = DataLoader.builder(train).batchSize(32).shuffle(st.rng(CheckpointState.LOADER_RNG)).build();
        double resumedBaseLr = schedule ? st.optimizer().lr() : 0;
        List<EpochResult> rest = trainer(st.model().model(), optimizer, EPOCHS, resumedBaseLr)
                .fit(loader, validation, st.epoch() + 1);

        List<EpochResult> resumedHistory = new ArrayList<>(st.history());
        resumedHistory.addAll(rest);
        assertSameHistory(resumedHistory, fullHistory);
        assertSameArrays(st.model().model().stateDict(), full.model.stateDict());
        assertSameArrays(optimizer.stateDict(), full.optimizer.stateDict());
        assertThat(st.rng("model").state()).isEqualTo(full.modelRng.state());
        assertThat(st.rng("loader").state()).isEqualTo(full.loaderRng.state());
    }

    @Test
    void checkpointHoldsModelTensorsAndPrefixedOptimizerState() {
        Run run = Run.fresh(new OptimizerSpec("adam", Map.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0, "amsgrad", true)), false);
        List<EpochResult> h = trainer(run.model, run.optimizer, 1, false).fit(run.loader, null);
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, CheckpointState.capture(new SavedModel(SPEC, run.model, null, null), run.optimizer, 1,
                run.rngs(), 5, h));
        SafeTensorsFile f = SafeTensorsFile.read(file);
        assertThat(f.tensors().keySet()).startsWith("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias")
                .contains("optimizer.step", "optimizer.lr", "optimizer.0.exp_avg", "optimizer.5.max_exp_avg_sq");
        assertThat(f.tensors().get("optimizer.step").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(f.metadata()).containsEntry("format", "backprop4j-checkpoint").containsEntry("epoch", "1")
                .containsEntry("scheduler_step", "5");
        assertThat(f.metadata().get("history")).contains("\"val_loss\":\"NaN\"");
        // the model file loader reads a checkpoint's model too
        SavedModel m = ModelFile.load(file);
        assertSameArrays(m.model().stateDict(), run.model.stateDict());
        CheckpointState st = Checkpoint.load(file);
        assertThat(st.schedulerStep()).isEqualTo(5);
        assertThat(st.history().get(0).validationLoss()).isNaN();
        // a model file is not a checkpoint
        Path model = dir.resolve("m.safetensors");
        ModelFile.save(model, m);
        assertThatThrownBy(() -> Checkpoint.load(model)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("format is \"backprop4j-model\" but expected backprop4j-checkpoint");
    }

    @Test
    void optimizerStateThatDoesNotFitTheModelIsRejectedNamingTheFile() {
        Run run = Run.fresh(new OptimizerSpec("sgd", Map.of("lr", 0.1, "momentum", 0.9, "dampening", 0, "nesterov", false, "weight_decay", 0)), false);
        trainer(run.model, run.optimizer, 1, false).fit(run.loader, null);
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, CheckpointState.capture(new SavedModel(SPEC, run.model, null, null), run.optimizer, 1,
                run.rngs(), 0, List.of()));
        SafeTensorsFile f = SafeTensorsFile.read(file);
        Map<String, NDArray> t = new LinkedHashMap<>(f.tensors());
        t.put("optimizer.0.momentum_buffer", NDArray.zeros(DType.FLOAT32, 3, 3));
        new SafeTensorsFile(t, f.metadata()).write(file);
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(SafeTensorsException.class)
                .hasMessageStartingWith(file + ": invalid optimizer state: ").hasMessageContaining("momentum_buffer");

        Map<String, String> meta = new LinkedHashMap<>(f.metadata());
        meta.put("rngs", "{\"model\":[1,2,3]}");
        new SafeTensorsFile(f.tensors(), meta).write(file);
        assertThatThrownBy(() -> Checkpoint.load(file)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("metadata \"rngs\" entry \"model\" must have 6 state words, got 3");
    }

    private static void assertSameHistory(List<EpochResult> actual, List<EpochResult> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            EpochResult a = actual.get(i);
            EpochResult e = expected.get(i);
            assertThat(a.epoch()).isEqualTo(e.epoch());
            assertThat(bits(a.trainLoss())).as("train loss of epoch %d", e.epoch()).isEqualTo(bits(e.trainLoss()));
            assertThat(bits(a.trainAccuracy())).isEqualTo(bits(e.trainAccuracy()));
            assertThat(bits(a.validationLoss())).as("validation loss of epoch %d", e.epoch())
                    .isEqualTo(bits(e.validationLoss()));
            assertThat(bits(a.validationAccuracy())).isEqualTo(bits(e.validationAccuracy()));
            assertThat(bits(a.learningRate())).isEqualTo(bits(e.learningRate()));
        }
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static void assertSameArrays(Map<String, NDArray> actual, Map<String, NDArray> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, e) -> {
            NDArray a = actual.get(k);
            assertThat(a.dtype()).isEqualTo(e.dtype());
            assertThat(a.shape()).isEqualTo(e.shape());
            for (int i = 0; i < e.size(); i++) {
                long ab = a.dtype() == DType.FLOAT32 ? Float.floatToRawIntBits(a.floatData()[i]) : bits(a.doubleData()[i]);
                long eb = e.dtype() == DType.FLOAT32 ? Float.floatToRawIntBits(e.floatData()[i]) : bits(e.doubleData()[i]);
                if (ab != eb) {
                    throw new AssertionError(k + "[" + i + "] differs: " + a.get(i) + " vs " + e.get(i));
                }
            }
        });
    }
}
