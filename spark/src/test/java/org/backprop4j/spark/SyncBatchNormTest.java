package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.backprop4j.data.Dataset;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.LayerList;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.SGD;
import org.backprop4j.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * Batch norm under the synchronous mode: the driver's running statistics are the sample-weighted
 * mean of the workers' (equal to single-process training with one partition, parameters and buffers
 * alike); with three partitions num_batches_tracked counts the global steps and the running mean
 * follows the single-process one.
 */
class SyncBatchNormTest {
    private static final Dataset DATA = Fixtures.digits(200);

    private static ModelRecipe cnn() {
        Module net = LayerList.build("conv2d(4,3,padding=1) batchnorm2d relu maxpool2d(2) flatten batchnorm1d linear",
                new int[]{1, 8, 8}, 10, new Rng(1), DType.FLOAT64);
        return ModelRecipe.of(ModelSpec.of(net), DType.FLOAT64);
    }

    private static Module[] trainBoth(int partitions) {
        ModelRecipe recipe = cnn();
        Module[] m = Fixtures.twins(recipe, 3);
        Fixtures.trainLocally(m[0], SGD.builder(m[0].parameters()).lr(0.01).build(), Fixtures.loader(DATA, 32, 7), 1);
        Trainer.builder(m[1], SGD.builder(m[1].parameters()).lr(0.01).build()).epochs(1)
                .executor(SparkSteps.builder(LocalSpark.context(), recipe).partitions(partitions).build()).build()
                .fit(Fixtures.loader(DATA, 32, 7), null);
        return m;
    }

    @Test
    void onePartitionEqualsSingleProcessWithItsRunningStatistics() {
        Module[] m = trainBoth(1);
        assertThat(m[0].stateDict().get("1.running_mean").toDoubleArray()).doesNotContain(0.0);
        assertThat(Fixtures.maxDifference(m[0], m[1])).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void threePartitionsCountEveryStepAndTrackTheRunningMean() {
        Module[] m = trainBoth(3);
        Map<String, NDArray> local = m[0].stateDict();
        Map<String, NDArray> spark = m[1].stateDict();
        assertThat(spark.get("1.num_batches_tracked").toDoubleArray()).containsExactly(7.0); // 200 samples in batches of 32
        double[] a = local.get("1.running_mean").toDoubleArray();
        double[] b = spark.get("1.running_mean").toDoubleArray();
        for (int c = 0; c < a.length; c++) {
            assertThat(Math.abs(a[c] - b[c])).as("channel %d", c).isLessThan(0.05 * Math.abs(a[c]) + 1e-3);
        }
    }
}
