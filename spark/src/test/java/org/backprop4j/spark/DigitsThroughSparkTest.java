package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Split;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingBackend;
import org.junit.jupiter.api.Test;

/**
 * The command line's digits run (stratified 80/20 split, standardised, MLP 64-128-10, Adam 1e-3,
 * batch 32), a few epochs, through the {@code spark} backend that ServiceLoader finds: the same
 * per-epoch figures and test accuracy as the single-process trainer.
 */
class DigitsThroughSparkTest {
    private static final int EPOCHS = 4;

    private record Run(List<EpochResult> history, double testAccuracy) {
    }

    private static Run run(TrainingBackend backend) {
        Split split = Split.stratifiedSplit(Datasets.digits(), 0.2, 42);
        Standardizer scaler = Standardizer.fit(split.train());
        Dataset train = scaler.transform(split.train());
        Dataset test = scaler.transform(split.test());
        Rng rng = new Rng(42);
        ModelSpec spec = new ModelSpec(64, new int[]{128}, 10, "relu", 0);
        Sequential model = spec.build(rng, DType.FLOAT32);
        Trainer.Builder tb = Trainer.builder(model, Adam.builder(model.parameters()).lr(1e-3).build()).epochs(EPOCHS);
        if (backend != null) {
            tb.executor(backend.executor(spec.toMetadata(), DType.FLOAT32));
        }
        Trainer trainer = tb.build();
        DataLoader loader = DataLoader.builder(train).batchSize(32).shuffle(rng).build();
        List<EpochResult> history = trainer.fit(loader, test);
        return new Run(history, trainer.evaluate(test).accuracy());
    }

    @Test
    void digitsAccuracyThroughSparkMatchesSingleProcess() {
        Run local = run(null);
        TrainingBackend backend = TrainingBackend.find("spark").orElseThrow();
        backend.start(Map.of("master", "local[2]", "partitions", "2"));
        Run spark = run(backend);
        assertThat(spark.testAccuracy()).isGreaterThan(0.9).isEqualTo(local.testAccuracy());
        for (int e = 0; e < EPOCHS; e++) {
            assertThat(spark.history().get(e).trainLoss()).isCloseTo(local.history().get(e).trainLoss(),
                    org.assertj.core.api.Assertions.within(1e-5));
            assertThat(spark.history().get(e).validationAccuracy()).isEqualTo(local.history().get(e).validationAccuracy());
        }
    }
}
