package org.backprop4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.GradClip;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/**
 * The driver side of one synchronous step: broadcasts the parameters and the batch, sums the
 * partitions' gradient sums with {@code treeAggregate}, divides by the global loss denominator (so
 * the gradient is that of the mean over the whole batch), and takes one optimiser step.
 */
final class SyncStep {
    private SyncStep() {
    }

    /** Runs step {@code step} on the global minibatch {@code batch} (sample indices). */
    static BatchStats run(JavaSparkContext sc, JavaRDD<Shard> shards, RunConfig run, int treeDepth, Module model,
                          Optimizer optimizer, int[] batch, long step) {
        StepInput input = new StepInput(StateArrays.of(model.stateDict()), null, new int[][]{batch}, step);
        Broadcast<StepInput> bc = sc.broadcast(input);
        GradientSum total;
        try {
            total = shards.treeAggregate(GradientSum.zero(run.wide()),
                    (acc, shard) -> acc.merge(GradientTask.compute(shard, bc.value(), run)),
                    GradientSum::merge, treeDepth);
        } finally {
            bc.destroy();
        }
        double scale = run.loss().mean() ? 1.0 / Math.max(1.0, total.denominator()) : 1.0;
        List<Tensor> params = model.parameters();
        optimizer.zeroGrad();
        for (int i = 0; i < params.size(); i++) {
            double[] g = total.gradient(i);
            if (g == null) {
                continue;
            }
            Tensor p = params.get(i);
            double[] mean = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                mean[j] = g[j] * scale;
            }
            NDArray a = NDArray.wrap(mean, p.shape());
            p.backward(Tensor.wrap(p.dtype() == DType.FLOAT64 ? a : a.astype(p.dtype())));
        }
        if (run.clipNorm() > 0) {
            GradClip.clipGradNorm(optimizer.params(), run.clipNorm());
        }
        optimizer.step();
        return new BatchStats(batch.length, total.loss() * scale, (int) total.correct());
    }
}
