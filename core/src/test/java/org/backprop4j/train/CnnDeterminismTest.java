package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
 * workspace give bit-identical losses with 1 and 2 kernel threads, and the loss goes down. Both kernel
 * sets give the same bits where both lower the convolutions onto the GEMM (bit-identical between the
 * sets; the rest is shared code); a first layer with a patch under 32 takes the Vector API set's direct
 * path (its own order of the same sums, {@code DirectConv2d}), where the sets agree to float precision.
 */
class CnnDeterminismTest {

    private static List<Double> losses(int threads) {
        return losses(threads, 1);
    }

    /** The losses of 6 steps on images of {@code channels} channels (1: conv1's patch is 9; 4: 36, the GEMM path). */
    private static List<Double> losses(int threads, int channels) {
        int before = Kernels.threads();
        Kernels.setThreads(threads);
        try {
            Rng rng = new Rng(7);
            Sequential model = new Sequential(
                    Conv2d.builder(channels, 8, 3).padding(1).rng(rng).build(), new ReLU(), new MaxPool2d(2),
                    Conv2d.builder(8, 16, 3).padding(1).rng(rng).build(), new BatchNorm2d(16), new ReLU(),
                    new MaxPool2d(2), new Flatten(), new Linear(16 * 4 * 4, 5, rng));
            Adam adam = Adam.builder(model.parameters()).lr(1e-2).build();
            CrossEntropyLoss ce = new CrossEntropyLoss();
            Tensor x = Tensor.uniform(new Rng(8), DType.FLOAT32, 0, 1, 32, channels, 16, 16);
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
    void bothKernelSetsGiveTheSameLossesThroughTheGemmAndCloseOnesThroughTheDirectPath() {
        if (!Kernels.vectorAvailable()) {
            return;
        }
        String before = Kernels.implementation();
        try {
            Kernels.use("plain");
            List<Double> plainGemm = losses(2, 4);
            List<Double> plainFirstLayer = losses(2, 1);
            Kernels.use("vector");
            assertThat(losses(2, 4)).isEqualTo(plainGemm);
            List<Double> vectorFirstLayer = losses(2, 1);
            for (int i = 0; i < plainFirstLayer.size(); i++) {
                assertThat(vectorFirstLayer.get(i)).isCloseTo(plainFirstLayer.get(i), offset(1e-5 * plainFirstLayer.get(i)));
            }
        } finally {
            Kernels.use(before);
        }
    }
}
