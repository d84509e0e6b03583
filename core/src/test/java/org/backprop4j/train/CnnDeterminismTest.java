package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.BatchNorm2d;
import org.backprop4j.nn.Conv2d;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaxPool2d;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A few Adam steps of a small CNN (conv, batch norm, ReLU, max pooling, linear) inside a step
 * workspace give bit-identical losses with 1 and 2 kernel threads and with both kernel sets, and the
 * loss goes down.
 */
class CnnDeterminismTest {

    private static List<Double> losses(int threads) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            Rng rng = new Rng(7);
            Sequential model = new Sequential(
                    Conv2d.builder(1, 8, 3).padding(1).rng(rng).build(), new ReLU(), new MaxPool2d(2),
                    Conv2d.builder(8, 16, 3).padding(1).rng(rng).build(), new BatchNorm2d(16), new ReLU(),
                    new MaxPool2d(2), new Flatten(), new Linear(16 * 4 * 4, 5, rng));
            Adam adam = Adam.builder(model.parameters()).lr(1e-2).build();
            CrossEntropyLoss ce = new CrossEntropyLoss();
            Tensor x = Tensor.uniform(new Rng(8), DType.FLOAT32, 0, 1, 32, 1, 16, 16);
            int[] y = new int[32];
            for (int i = 0; i < y.length; i++) {
                y[i] = i % 5;
            }
            Workspace workspace = new Workspace();
            List<Double> out = new ArrayList<>();
            for (int step = 0; step < 6; step++) {
                adam.zeroGrad();
                try (Workspace ws = workspace.begin()) {
                    Tensor loss = ce.apply(model.forward(x), y);
                    loss.backward();
                    out.add(loss.item());
                }
                adam.step();
            }
            return out;
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void lossesAreBitIdenticalWithOneOrTwoThreads() {
        List<Double> one = losses(1);
        List<Double> two = losses(2);
        assertThat(two).isEqualTo(one);
        assertThat(one.get(one.size() - 1)).isLessThan(one.get(0));
    }

    @Test
    void bothKernelSetsGiveTheSameLosses() {
        if (!Kernels.vectorAvailable()) {
            return;
        }
        String before = Kernels.implementation();
        try {
            Kernels.use("plain");
            List<Double> plain = losses(2);
            Kernels.use("vector");
            assertThat(losses(2)).isEqualTo(plain); // GEMM is bit-identical between the sets; the rest is shared code
        } finally {
            Kernels.use(before);
        }
    }
}
