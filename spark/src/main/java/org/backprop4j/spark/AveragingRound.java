package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Optimizer;

/**
 * The driver side of one parameter-averaging round: broadcasts the parameters, the optimiser state
 * and the round's K global minibatches; each worker takes K local steps; the driver loads the
 * sample-weighted averages of the workers' parameters and optimiser states.
 */
final class AveragingRound {
    private AveragingRound() {
    }

    /** Runs the round whose first minibatch is global step {@code firstStep}; returns one figure per minibatch. */
    static List<BatchStats> run(JavaSparkContext sc, JavaRDD<Shard> shards, RunConfig run, int treeDepth, Module model,
                                Optimizer optimizer, int[][] batches, long firstStep) {
        StepInput input = new StepInput(StateArrays.of(model.stateDict()), StateArrays.of(optimizer.stateDict()),
                batches, firstStep);
        Broadcast<StepInput> bc = sc.broadcast(input);
        RoundSum total;
        try {
            total = shards.treeAggregate(new RoundSum(batches.length),
                    (acc, shard) -> acc.merge(AveragingTask.compute(shard, bc.value(), run)),
                    RoundSum::merge, treeDepth);
        } finally {
            bc.destroy();
        }
        double lr = optimizer.lr();
        model.loadStateDict(total.params().mean());
        optimizer.loadStateDict(total.state().mean());
        optimizer.setLr(lr);
        List<BatchStats> out = new ArrayList<>();
        for (int k = 0; k < batches.length; k++) {
            double denom = total.denominator(k);
            double loss = run.loss().mean() ? total.loss(k) / Math.max(1.0, denom) : total.loss(k);
            out.add(new BatchStats(batches[k].length, loss, (int) total.correct(k)));
        }
        return out;
    }
}
