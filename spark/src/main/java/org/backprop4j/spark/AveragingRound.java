package org.backprop4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.Reduction;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.NonFiniteCheck;
import org.backprop4j.train.RoundFigures;
import org.backprop4j.train.StepFigures;

/**
 * The driver side of one parameter-averaging round: broadcasts the parameters, the optimiser state
 * and the round's K global minibatches; each worker takes K local steps; the driver loads the
 * sample-weighted averages of the workers' parameters and optimiser states, unless a loss of the
 * round or an averaged value was not finite (then the model and optimiser stay as they were, and the
 * trainer's NaN policy decides). The averages are checked as they are computed, not by a scan of their own.
 */
final class AveragingRound {
    private AveragingRound() {
    }

    /** Runs the round whose first minibatch is global step {@code firstStep}; returns one figure per minibatch. */
    static RoundFigures run(JavaSparkContext sc, JavaRDD<Shard> shards, RunConfig run, int treeDepth, Module model,
                             Optimizer optimizer, int[][] batches, long firstStep) {
        StepInput input = new StepInput(StateArrays.of(model.stateDict()), StateArrays.of(optimizer.stateDict()),
                batches, firstStep);
        Broadcast<StepInput> bc = sc.broadcast(input);
        RoundSum total;
        try {
            total = Shard.forRound(shards, batches).treeAggregate(new RoundSum(batches.length),
                    (acc, shard) -> acc.merge(AveragingTask.compute(shard, bc.value(), run)),
                    RoundSum::merge, treeDepth);
        } finally {
            bc.destroy();
        }
        StepFigures[] out = new StepFigures[batches.length];
        String problem = null;
        for (int k = 0; k < batches.length; k++) {
            double denom = total.denominator(k);
            double loss = run.loss().reduction() == Reduction.MEAN && denom > 0 ? total.loss(k) / denom : total.loss(k);
            out[k] = new StepFigures(batches[k].length, loss, denom, (int) total.correct(k));
            problem = problem != null ? problem : NonFiniteCheck.loss(loss);
        }
        if (problem == null) {
            WeightedSum.Mean params = total.params().mean();
            WeightedSum.Mean state = params.problem() == null ? total.state().mean() : null;
            problem = params.problem() != null ? params.problem() : state.problem();
            if (problem == null) {
                double lr = optimizer.lr();
                model.loadStateDict(params.arrays());
                optimizer.loadStateDict(state.arrays());
                optimizer.setLr(lr);
            }
        }
        return new RoundFigures(out, problem);
    }
}
