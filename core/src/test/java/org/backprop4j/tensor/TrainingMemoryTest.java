package org.backprop4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.junit.jupiter.api.Test;

/** 100,000 training steps must not grow memory: each step's graph is released by backward. */
class TrainingMemoryTest {

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    @Test
    void hundredThousandStepsDoNotGrowMemory() {
        Rng rng = new Rng(1);
        Tensor w1 = Tensor.randn(rng, 4, 8).mul(0.5).detach().requiresGrad();
        Tensor b1 = Tensor.zeros(8).requiresGrad();
        Tensor w2 = Tensor.randn(rng, 8, 3).mul(0.5).detach().requiresGrad();
        Tensor x = Tensor.randn(rng, 4, 4);
        int[] y = {0, 1, 2, 1};
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor[] params = {w1, b1, w2};
        long afterWarmup = 0;
        double firstLoss = 0;
        double lastLoss = 0;
        for (int step = 0; step < 100_000; step++) {
            Tensor loss = ce.apply(x.matmul(w1).add(b1).relu().matmul(w2), y);
            loss.backward();
            for (Tensor p : params) {
                NDArray g = p.grad().data();
                float[] d = p.data().floatData();
                for (int i = 0; i < d.length; i++) {
                    d[i] -= 0.01f * g.floatData()[i];
                }
                p.zeroGrad();
            }
            if (step == 0) {
                firstLoss = loss.item();
            }
            if (step == 10_000) {
                afterWarmup = usedHeapAfterGc();
            }
            lastLoss = loss.item();
        }
        long atEnd = usedHeapAfterGc();
        assertThat(w1.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(lastLoss).isLessThan(firstLoss);
        // 90,000 retained graphs would hold well over 100 MB; allow only GC noise
        assertThat(atEnd - afterWarmup).as("heap growth in bytes").isLessThan(8L << 20);
    }
}
