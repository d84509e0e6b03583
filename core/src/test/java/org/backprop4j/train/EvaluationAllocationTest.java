package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.backprop4j.data.Dataset;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.BatchNorm2d;
import org.backprop4j.nn.Conv2d;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaxPool2d;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * Evaluating the same samples again (the validation after every epoch) reuses the arrays of the last pass:
 * a pass allocates only small per-batch bookkeeping, against megabytes of activations per batch (a CNN's are
 * hundreds of MB at {@link NoGradEvaluation#BATCH}); and reusing them changes no result.
 */
class EvaluationAllocationTest {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** 2,500 samples: two full batches of 1024 and a last one of 452. */
    private static Dataset data(int features, int classes) {
        Rng rng = new Rng(5);
        int n = 2 * NoGradEvaluation.BATCH + 452;
        float[] x = new float[n * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return new Dataset(x, features, y, classes);
    }

    @Test
    void aSecondPassOfAnMlpOverTheSameDataMakesNoLargeGarbage() {
        Sequential model = Mlp.of(784, new int[]{256}, 10, "relu", 0.2, new Rng(1), DType.FLOAT32);
        // one batch's features alone are 3.2 MB and its hidden activations 1 MB
        assertThat(bytesPerSecondPass(model, data(784, 10))).isLessThan(256 * 1024);
    }

    @Test
    void aSecondPassOfACnnWithBatchNormAndDropoutMakesNoLargeGarbage() {
        Rng rng = new Rng(2);
        Sequential model = new Sequential(Conv2d.builder(1, 8, 3).padding(1).rng(rng).build(), new BatchNorm2d(8),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8 * 6 * 6, 4, rng), new Dropout(0.3, new Rng(3)))
                .inputShape(1, 12, 12);
        // one batch's first activations alone are 4.7 MB
        assertThat(bytesPerSecondPass(model, data(144, 4))).isLessThan(256 * 1024);
    }

    @Test
    void passesThatReuseTheirArraysGiveTheResultsOfAFreshEvaluation() {
        Rng rng = new Rng(4);
        Sequential model = new Sequential(Conv2d.builder(1, 6, 3).padding(1).rng(rng).build(), new BatchNorm2d(6),
                new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(6 * 6 * 6, 3, rng)).inputShape(1, 12, 12);
        Dataset data = data(144, 3);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Evaluation fresh = Trainer.evaluate(model, data, loss);
        EvaluationSet reused = EvaluationSet.of(data);
        for (int pass = 0; pass < 3; pass++) {
            EvaluationSummary s = reused.evaluate(model, loss);
            assertThat(s.loss()).isEqualTo(fresh.loss());
            assertThat(s.accuracy()).isEqualTo(fresh.accuracy());
        }
        // a smaller data set through the same evaluation, then the first again: arrays of other sizes in between
        Dataset head = data.subset(java.util.stream.IntStream.range(0, 700).toArray());
        NoGradEvaluation evaluation = new NoGradEvaluation();
        Evaluation a = evaluation.run(model, data, loss);
        Evaluation b = evaluation.run(model, head, loss);
        Evaluation c = evaluation.run(model, data, loss);
        assertThat(c.probabilities()).isEqualTo(fresh.probabilities());
        assertThat(c.predictions()).isEqualTo(a.predictions()).isEqualTo(fresh.predictions());
        assertThat(b.probabilities()).isEqualTo(java.util.Arrays.copyOf(fresh.probabilities(), 700 * 3));
    }

    /** Bytes the calling thread allocates in a pass of an {@link EvaluationSet} over data it has evaluated before. */
    private static long bytesPerSecondPass(Sequential model, Dataset data) {
        assumeThat(BEAN.isThreadAllocatedMemoryEnabled()).isTrue();
        int before = Kernels.threads();
        Kernels.setThreads(1); // every allocation is then on this thread
        try {
            EvaluationSet set = EvaluationSet.of(data);
            CrossEntropyLoss loss = new CrossEntropyLoss();
            set.evaluate(model, loss);
            return AllocationWindows.leastPerStep(BEAN::getCurrentThreadAllocatedBytes, () -> set.evaluate(model, loss),
                    2, 3, 20, 64 * 1024);
        } finally {
            Kernels.setThreads(before);
        }
    }
}
