package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN and infinity in training: detected at the first bad step, then stop (keeping the last good checkpoint) or skip. */
class NanPolicyTest {
    private static final ModelSpec SPEC = new ModelSpec(4, new int[]{8}, 3, "relu", 0);

    @TempDir
    Path dir;

    /** Poisons one weight at the end of {@code step} of {@code epoch}, so the next forward pass gives NaN. */
    private static TrainingListener poison(Tensor param, int epoch, int step, float value) {
        return new TrainingListener() {
            @Override
            public void onBatchEnd(int e, int s, int batchSize, double loss, int correct) {
                if (e == epoch && s == step) {
                    param.data().set(0, value);
                }
            }
        };
    }

    private static Dataset iris() {
        return Datasets.iris();
    }

    @Test
    void stopNamesEpochStepAndKeepsTheLastGoodCheckpoint() {
        Rng rng = new Rng(1);
        Sequential model = SPEC.build(rng, DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        SavedModel saved = new SavedModel(SPEC, model, null, null);
        Path file = dir.resolve("ckpt.safetensors");
        List<EpochResult> history = new ArrayList<>();
        Tensor w = model.parameters().get(0);
        Trainer trainer = Trainer.builder(model, opt).epochs(5)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult r) {
                        history.add(r);
                        Map<String, Rng> rngs = new LinkedHashMap<>();
                        rngs.put(CheckpointState.MODEL_RNG, rng);
                        Checkpoint.save(file, CheckpointState.capture(saved, opt, r.epoch(), rngs, 0, history));
                    }
                })
                .listener(poison(w, 2, 3, Float.NaN))
                .build();
        DataLoader loader = DataLoader.builder(iris()).batchSize(16).build();
        assertThatThrownBy(() -> trainer.fit(loader, null))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("epoch 2, step 4: parameter")
                .satisfies(e -> assertThat(((NonFiniteException) e).epoch()).isEqualTo(2));
        CheckpointState last = Checkpoint.load(file);
        assertThat(last.epoch()).isEqualTo(1);
        for (Tensor p : last.model().model().parameters()) {
            for (float v : p.toFloatArray()) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }

    @Test
    void aNonFiniteGradientNamesTheParameter() {
        Sequential model = SPEC.build(new Rng(2), DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        // an infinite weight is caught at the very next step (through the loss)...
        Map.Entry<String, Tensor> first = model.namedParameters().entrySet().iterator().next();
        Trainer trainer = Trainer.builder(model, opt).epochs(2)
                .listener(poison(first.getValue(), 1, 1, Float.POSITIVE_INFINITY)).build();
        assertThatThrownBy(() -> trainer.fit(DataLoader.builder(iris()).batchSize(16).build(), null))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("epoch 1, step 2:");
        // ...and a non-finite gradient is named by its parameter
        String message = NonFiniteCheck.gradients(Map.of("layer.weight", gradWith(Float.NaN)));
        assertThat(message).isEqualTo("the gradient of parameter 'layer.weight' (shape [2, 2]) is NaN at flat index 3");
        assertThat(NonFiniteCheck.gradients(Map.of("ok", gradWith(1f)))).isNull();
    }

    private static Tensor gradWith(float last) {
        Tensor p = Tensor.of(new float[]{1, 2, 3, 4}, 2, 2).requiresGrad();
        p.mul(Tensor.of(new float[]{1, 1, 1, last}, 2, 2)).sum().backward();
        return p;
    }

    @Test
    void skipBatchDropsTheBadBatchAndGoesOn() {
        Sequential model = SPEC.build(new Rng(3), DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        Tensor w = model.parameters().get(0);
        List<String> skipped = new ArrayList<>();
        float[] before = new float[1];
        Trainer trainer = Trainer.builder(model, opt).epochs(2).onNan(NanPolicy.SKIP_BATCH)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int e, int s, int batchSize, double loss, int correct) {
                        if (e == 1 && s == 2) {
                            before[0] = w.data().floatData()[0];
                            w.data().set(0, Float.NaN);
                        }
                    }

                    @Override
                    public void onBatchSkipped(int epoch, int step, String problem) {
                        skipped.add(epoch + "/" + step + ": " + problem);
                        w.data().set(0, before[0]); // repair, so that training goes on
                    }
                }).build();
        List<EpochResult> h = trainer.fit(DataLoader.builder(iris()).batchSize(16).build(), null);
        assertThat(skipped).hasSize(1).allMatch(m -> m.startsWith("1/3: parameter"));
        assertThat(h).hasSize(2);
        assertThat(h.get(1).trainLoss()).isFinite();
        assertThat(opt.stepCount()).isEqualTo(2L * 10 - 1); // 150 samples / 16 = 10 batches per epoch, one skipped
    }

    /** The raw bits of every parameter and optimiser state entry. */
    private static List<String> bits(Sequential model, Optimizer opt) {
        List<String> out = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            StringBuilder b = new StringBuilder();
            for (float v : p.data().floatData()) {
                b.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
            }
            out.add(b.toString());
        }
        opt.stateDict().forEach((k, v) -> out.add(k + "=" + java.util.Arrays.toString(v.toDoubleArray())));
        return out;
    }

    @Test
    void aSkippedStepLeavesParametersAndOptimiserStateAsBefore() {
        Sequential model = SPEC.build(new Rng(5), DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-2).build();
        Tensor w = model.parameters().get(0);
        List<List<String>> seen = new ArrayList<>();
        float[] before = new float[1];
        Trainer trainer = Trainer.builder(model, opt).epochs(1).onNan(NanPolicy.SKIP_BATCH)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int e, int s, int batchSize, double loss, int correct) {
                        if (s == 4) {
                            before[0] = w.data().floatData()[0];
                            w.data().set(0, Float.NaN); // behind a ReLU: the loss and the gradients stay finite
                            seen.add(bits(model, opt));
                        }
                    }

                    @Override
                    public void onBatchSkipped(int epoch, int step, String problem) {
                        seen.add(bits(model, opt));
                        w.data().set(0, before[0]);
                    }
                }).build();
        trainer.fit(DataLoader.builder(iris()).batchSize(16).build(), null);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(opt.stepCount()).isEqualTo(9);
    }

    @Test
    void trainingStepsScanNothingOfTheirOwn() {
        Sequential model = SPEC.build(new Rng(6), DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        Trainer trainer = Trainer.builder(model, opt).epochs(3).build();
        long scans = NonFiniteCheck.scans;
        trainer.fit(DataLoader.builder(iris()).batchSize(16).build(), null);
        assertThat(opt.stepCount()).isEqualTo(30);
        // the parameters are scanned once, when fit starts; the 30 steps check on the optimiser's pass
        assertThat(NonFiniteCheck.scans - scans).isEqualTo(model.namedParameters().size());
    }

    @Test
    void aModelWithANonFiniteParameterIsRefusedUpFront() {
        Sequential model = SPEC.build(new Rng(7), DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        Map.Entry<String, Tensor> last = null;
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            last = e;
        }
        last.getValue().data().set(2, Float.POSITIVE_INFINITY);
        String name = last.getKey();
        int[] shape = last.getValue().shape();
        Trainer trainer = Trainer.builder(model, opt).epochs(1).onNan(NanPolicy.SKIP_BATCH).build();
        assertThatThrownBy(() -> trainer.fit(DataLoader.builder(iris()).batchSize(16).build(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("can't train: parameter '" + name + "' (shape " + java.util.Arrays.toString(shape)
                        + ") is Infinity at flat index 2");
        assertThat(opt.stepCount()).isZero();
    }

    @Test
    void anInterruptStopsAtAStepBoundary() {
        Sequential model = SPEC.build(new Rng(4), DType.FLOAT32);
        Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
        int[] seen = new int[2];
        boolean[] flag = new boolean[1];
        Trainer trainer = Trainer.builder(model, opt).epochs(3).interrupt(() -> flag[0])
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int e, int s, int batchSize, double loss, int correct) {
                        flag[0] = e == 2 && s == 5;
                    }

                    @Override
                    public void onInterrupt(TrainingPosition at) {
                        seen[0] = at.epoch();
                        seen[1] = at.step();
                    }
                }).build();
        assertThatThrownBy(() -> trainer.fit(DataLoader.builder(iris()).batchSize(16).build(), null))
                .isInstanceOf(TrainingInterruptedException.class).hasMessage("training interrupted after step 5 of epoch 2");
        assertThat(seen).containsExactly(2, 5);
        assertThat(opt.stepCount()).isEqualTo(15);
    }
}
