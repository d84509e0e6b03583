package org.backprop4j.spark;

import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.Metrics;

/**
 * The worker side of a synchronous step: loads the step's parameters into the partition's replica,
 * runs forward and backward on the partition's share of the global minibatch with the SUM loss,
 * and returns the gradient sum with the buffers the forward pass updated (batch norm's running
 * statistics of the share), weighted by the share's size.
 */
final class GradientTask {
    private GradientTask() {
    }

    /** The gradient sum of {@code shard}'s share of the step's batch. */
    static GradientSum compute(Shard shard, StepInput in, RunConfig run) {
        GradientSum sum = GradientSum.zero(run.wide());
        int[] rows = shard.rowsOf(in.batches()[0]);
        if (rows.length == 0) {
            return sum;
        }
        Replica replica = Replica.of(run.runId(), shard.index(), run.factory());
        Module model = replica.model();
        model.loadStateDict(in.weights().toMap());
        model.train();
        replica.reseed(run.seed(), in.firstStep(), shard.index());
        model.zeroGrad();
        Tensor x = shard.features(rows, model.parameters().get(0).dtype());
        int[] y = shard.labels(rows);
        Tensor logits = model.forward(x);
        Tensor loss = run.loss().withReduction(Reduction.SUM).apply(logits, y);
        loss.backward();
        sum.addGradients(model.parameters(), loss.item(), run.loss().meanDenominator(y, logits.shape()),
                Metrics.correct(y, logits.argmax(1)), rows.length);
        sum.addBuffers(model.namedBuffers().values(), rows.length);
        model.zeroGrad();
        return sum;
    }
}
