package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.SGD;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.NanPolicy;
import org.backprop4j.train.NonFiniteException;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** The parameter-averaging mode: with one local plain-SGD step it is the synchronous mode; with K = 4 and Adam it learns. */
class AveragingTest {
    private static final Dataset DATA = Fixtures.digits(300);

    @Test
    void oneLocalSgdStepEqualsSyncTraining() {
        ModelRecipe recipe = Fixtures.mlp(DType.FLOAT32);
        Module[] m = Fixtures.twins(recipe, 5);
        Fixtures.trainLocally(m[0], SGD.builder(m[0].parameters()).lr(0.05).build(), Fixtures.loader(DATA, 32, 9), 1);
        Trainer trainer = Trainer.builder(m[1], SGD.builder(m[1].parameters()).lr(0.05).build()).epochs(1)
                .executor(SparkSteps.builder(LocalSpark.context(), recipe).mode(Mode.AVERAGING).localSteps(1)
                        .partitions(2).build()).build();
        trainer.fit(Fixtures.loader(DATA, 32, 9), null);
        assertThat(Fixtures.maxDifference(m[0], m[1])).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void fourLocalAdamStepsPerRoundLearn() {
        ModelRecipe recipe = Fixtures.mlp(DType.FLOAT32);
        Module model = recipe.create(new org.backprop4j.ndarray.Rng(1));
        Trainer trainer = Trainer.builder(model, Adam.builder(model.parameters()).lr(0.01).build()).epochs(3)
                .executor(SparkSteps.builder(LocalSpark.context(), recipe).mode(Mode.AVERAGING).localSteps(4)
                        .partitions(2).build()).build();
        List<EpochResult> history = trainer.fit(Fixtures.loader(DATA, 32, 9), DATA);
        assertThat(history).hasSize(3);
        assertThat(history.get(2).validationAccuracy()).isGreaterThan(0.9);
        assertThat(trainer.optimizer().stepCount()).isEqualTo(3L * 10);
    }

    /**
     * A round (of one batch: the data's only one) whose loss is finite but whose new weights overflow
     * (lr 1e39 is infinite in float32): the averages are not loaded, and the NaN policy sees the problem,
     * named.
     */
    @Test
    void aRoundWhoseAveragesAreNotFiniteLeavesTheModelAsItWas() {
        Dataset oneBatch = Fixtures.digits(32);
        ModelRecipe recipe = Fixtures.mlp(DType.FLOAT32);
        Module[] m = Fixtures.twins(recipe, 5);
        List<String> skipped = new ArrayList<>();
        Trainer skipping = Trainer.builder(m[0], SGD.builder(m[0].parameters()).lr(1e39).build()).epochs(2)
                .onNan(NanPolicy.SKIP_BATCH).listener(new TrainingListener() {
                    @Override
                    public void onBatchSkipped(int epoch, int step, String problem) {
                        skipped.add(problem);
                    }
                })
                .executor(SparkSteps.builder(LocalSpark.context(), recipe).mode(Mode.AVERAGING).localSteps(3)
                        .partitions(2).build()).build();
        skipping.fit(Fixtures.loader(oneBatch, 32, 9), null);
        assertThat(skipped).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("the workers' average of '")
                .containsAnyOf("Infinity", "NaN").contains("at flat index"));
        assertThat(Fixtures.maxDifference(m[0], m[1])).isZero();
        assertThat(skipping.optimizer().stepCount()).isZero();

        Trainer stopping = Trainer.builder(m[1], SGD.builder(m[1].parameters()).lr(1e39).build()).epochs(1)
                .executor(SparkSteps.builder(LocalSpark.context(), recipe).mode(Mode.AVERAGING).localSteps(3)
                        .partitions(2).build()).build();
        assertThatThrownBy(() -> stopping.fit(Fixtures.loader(oneBatch, 32, 9), null))
                .isInstanceOf(NonFiniteException.class).hasMessageContaining("workers' average of '");
        assertThat(Fixtures.maxDifference(m[0], m[1])).isZero();
    }
}
