package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The synchronous mode equals single-process training with the same global batches: same seed,
 * same shuffled order, three partitions on local[2], a short last batch; 1e-5 in float32 and 1e-12
 * in float64 on every parameter after two epochs.
 */
class SyncEquivalenceTest {
    private static final Dataset DATA = Fixtures.digits(300);

    private static double trainBoth(DType dtype, Function<List<Tensor>, Optimizer> optimizer) {
        ModelRecipe recipe = Fixtures.mlp(dtype);
        Module[] m = Fixtures.twins(recipe, 3);
        Fixtures.trainLocally(m[0], optimizer.apply(m[0].parameters()), Fixtures.loader(DATA, 32, 7), 2);
        Trainer trainer = Trainer.builder(m[1], optimizer.apply(m[1].parameters())).epochs(2)
                .executor(SparkSteps.builder(LocalSpark.context(), recipe).partitions(3).build()).build();
        List<EpochResult> history = trainer.fit(Fixtures.loader(DATA, 32, 7), null);
        assertThat(history).hasSize(2);
        assertThat(history.get(1).trainLoss()).isLessThan(history.get(0).trainLoss());
        return Fixtures.maxDifference(m[0], m[1]);
    }

    @Test
    void float32SgdWithMomentumMatchesSingleProcess() {
        double diff = trainBoth(DType.FLOAT32, p -> SGD.builder(p).lr(0.05).momentum(0.9).build());
        assertThat(diff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void float32AdamMatchesSingleProcess() {
        double diff = trainBoth(DType.FLOAT32, p -> Adam.builder(p).lr(0.01).build());
        assertThat(diff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void float64AdamMatchesSingleProcess() {
        double diff = trainBoth(DType.FLOAT64, p -> Adam.builder(p).lr(0.01).build());
        assertThat(diff).isLessThanOrEqualTo(1e-12);
    }
}
