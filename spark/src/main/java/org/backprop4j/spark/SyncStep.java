package org.backprop4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.StepFigures;

/**
 * The driver side of one synchronous step: sends the parameters and the batch with the step's tasks, sums the
 * partitions' gradient sums with {@code treeAggregate} and, for a MEAN loss, divides by the global
 * mean denominator (so the gradient is that of the mean over the whole batch); the trainer then
 * checks, clips and steps as in a single process.
 *
 * <p>Module buffers become the sample-weighted mean of the workers' updated buffers. For batch
 * norm, whose running mean is updated linearly ({@code (1 - m) r + m mean}), that is exactly the
 * single-process update with the global batch's mean, and {@code num_batches_tracked} grows by one;
 * the running variance gets the weighted mean of the shares' unbiased variances, which lacks the
 * spread between the shares' means. In training, each worker normalises with its share's batch
 * statistics (like PyTorch's DDP without SyncBatchNorm), so with batch norm and more than one
 * partition a Spark run is close to, not equal to, the single-process run; with one partition it is
 * equal.
 */
final class SyncStep {
    private SyncStep() {
    }

    /** Leaves the gradient of global minibatch {@code batch} (sample indices), step {@code step}, in the model's parameters. */
    static StepFigures run(JavaSparkContext sc, JavaRDD<Shard> shards, RunConfig run, int treeDepth, Module model,
                           int[] batch, long step) {
        StepInput input = new StepInput(StateArrays.of(model.stateDict()), null, new int[][]{batch}, step);
        // the parameters travel inside the task's closure, in the task binary that Spark broadcasts once per stage:
        // a separate broadcast would cost each executor one more fetch per step, and the driver a destroy
        GradientSum total = Shard.forRound(shards, input.batches()).treeAggregate(GradientSum.zero(run.wide()),
                (acc, shard) -> acc.merge(GradientTask.compute(shard, input, run)), GradientSum::merge, treeDepth);
        double[] buffers = total.bufferSum();
        if (buffers != null && total.count() > 0) {
            int at = 0;
            for (Tensor b : model.namedBuffers().values()) {
                NDArray data = b.data();
                for (int j = 0; j < data.size(); j++) {
                    data.set(j, buffers[at++] / total.count());
                }
            }
        }
        boolean mean = run.loss().reduction() == Reduction.MEAN;
        double scale = mean && total.denominator() > 0 ? 1.0 / total.denominator() : 1.0;
        List<Tensor> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            double[] g = total.gradient(i);
            if (g == null) {
                continue;
            }
            Tensor p = params.get(i);
            double[] scaled = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                scaled[j] = g[j] * scale;
            }
            NDArray a = NDArray.wrap(scaled, p.shape());
            p.backward(Tensor.wrap(p.dtype() == DType.FLOAT64 ? a : a.astype(p.dtype())));
        }
        return new StepFigures(batch.length, total.loss() * scale, total.denominator(), (int) total.correct());
    }
}
