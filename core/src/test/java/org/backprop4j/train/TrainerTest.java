package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Split;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.backprop4j.optim.StepLR;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Split scaledSplit(Dataset all, long seed) {
        Split s = Split.stratifiedSplit(all, 0.2, seed);
        Standardizer scaler = Standardizer.fit(s.train());
        return new Split(scaler.transform(s.train()), scaler.transform(s.test()));
    }

    @Test
    void learnsDigitsToHighHeldOutAccuracy() {
        Split split = scaledSplit(Datasets.digits(), 42);
        Rng rng = new Rng(42);
        Sequential model = Mlp.of(64, new int[]{64}, 10, "relu", 0, rng, DType.FLOAT32);
        Trainer trainer = Trainer.builder(model, Adam.builder(model.parameters()).lr(2e-3).build()).epochs(15).build();
        List<EpochResult> history = trainer.fit(DataLoader.builder(split.train()).batchSize(32).shuffle(rng).build(), split.test());
        assertThat(history).hasSize(15);
        assertThat(history.get(14).trainLoss()).isLessThan(history.get(0).trainLoss());
        Evaluation test = trainer.evaluate(split.test());
        assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.96);
        assertThat(test.accuracy()).isEqualTo(history.get(14).validationAccuracy());
        assertThat(test.probabilities()).hasSize(split.test().size() * 10);
    }

    @Test
    void sameSeedGivesIdenticalLosses() {
        double[] a = irisLosses(7);
        double[] b = irisLosses(7);
        assertThat(a).containsExactly(b);
        assertThat(irisLosses(8)).isNotEqualTo(a);
    }

    private static double[] irisLosses(long seed) {
        Split split = scaledSplit(Datasets.iris(), 1);
        Rng rng = new Rng(seed);
        Sequential model = Mlp.of(4, new int[]{8}, 3, "tanh", 0.1, rng, DType.FLOAT32);
        Trainer trainer = Trainer.builder(model, SGD.builder(model.parameters()).lr(0.1).momentum(0.9).build())
                .epochs(5).build();
        return trainer.fit(DataLoader.builder(split.train()).batchSize(16).shuffle(rng).build(), null).stream()
                .mapToDouble(EpochResult::trainLoss).toArray();
    }

    @Test
    void listenersSeeEveryStepAndCanStopEarly() {
        Split split = scaledSplit(Datasets.iris(), 1);
        Rng rng = new Rng(1);
        Sequential model = Mlp.of(4, new int[]{8}, 3, "relu", 0, rng, DType.FLOAT32);
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            private int ended;

            @Override
            public void onEpochStart(int epoch, int totalEpochs, int samples) {
                events.add("start " + epoch + "/" + totalEpochs + " " + samples);
            }

            @Override
            public void onBatchEnd(int epoch, int step, int batchSize, double loss, int correct) {
                events.add("batch " + batchSize);
            }

            @Override
            public void onEpochEnd(EpochResult result) {
                ended++;
                events.add("end " + result.epoch());
            }

            @Override
            public boolean shouldStop() {
                return ended == 2;
            }
        };
        Trainer trainer = Trainer.builder(model, SGD.builder(model.parameters()).lr(0.1).build()).epochs(10)
                .listener(listener).schedule(new StepLR(0.1, 1, 0.5)).build();
        List<EpochResult> history = trainer.fit(new DataLoader(split.train(), 50), null);
        assertThat(history).hasSize(2);
        assertThat(history.get(1).learningRate()).isEqualTo(0.05);
        assertThat(history.get(0).hasValidation()).isFalse();
        assertThat(events).containsExactly("start 1/10 120", "batch 50", "batch 50", "batch 20", "end 1",
                "start 2/10 120", "batch 50", "batch 50", "batch 20", "end 2");
    }

    @Test
    void evaluationLeavesTheModelInItsMode() {
        Sequential model = Mlp.of(4, new int[]{3}, 3, "relu", 0.5, new Rng(1), DType.FLOAT32);
        model.train();
        Trainer.evaluate(model, Datasets.iris(), new org.backprop4j.nn.CrossEntropyLoss());
        assertThat(model.isTraining()).isTrue();
        model.eval();
        Trainer.evaluate(model, Datasets.iris(), new org.backprop4j.nn.CrossEntropyLoss());
        assertThat(model.isTraining()).isFalse();
    }
}
