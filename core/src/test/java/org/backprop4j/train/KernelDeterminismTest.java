package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives a bit-identical sequence of losses with 1 or 2 kernel threads, and training
 * on digits reaches the same accuracy with the Vector API and the plain-Java kernel sets.
 */
class KernelDeterminismTest {

    /** Per-epoch training losses and the final training accuracy, as doubles. */
    private static List<Double> train(int threads) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            Dataset digits = Datasets.digits();
            Sequential model = Mlp.of(64, new int[]{96}, 10, "relu", 0, new Rng(5), DType.FLOAT32);
            SGD opt = SGD.builder(model.parameters()).lr(0.1).build();
            DataLoader loader = DataLoader.builder(digits).batchSize(128).shuffle(11).build();
            Trainer trainer = Trainer.builder(model, opt).epochs(3).build();
            List<Double> out = new ArrayList<>();
            for (EpochResult r : trainer.fit(loader, null)) {
                out.add(r.trainLoss());
                out.add(r.trainAccuracy());
            }
            out.add(trainer.evaluate(digits).accuracy());
            return out;
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void lossesAreBitIdenticalWithOneOrTwoThreads() {
        List<Double> one = train(1);
        List<Double> two = train(2);
        assertThat(two).isEqualTo(one);
        assertThat(one.get(4)).as("last epoch's loss below the first's").isLessThan(one.get(0));
        assertThat(one.get(one.size() - 1)).as("accuracy well above chance").isGreaterThan(0.3);
    }

    @Test
    void bothKernelSetsReachTheSameAccuracy() {
        if (!Kernels.vectorAvailable()) {
            return;
        }
        String before = Kernels.implementation();
        try {
            Kernels.use("plain");
            List<Double> plain = train(2);
            Kernels.use("vector");
            List<Double> vector = train(2);
            // GEMM, bias, ReLU and column sums are bit-identical between the sets, so is training
            assertThat(vector).isEqualTo(plain);
        } finally {
            Kernels.use(before);
        }
    }
}
