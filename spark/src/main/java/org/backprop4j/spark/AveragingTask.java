package org.backprop4j.spark;

import java.util.List;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.GradClip;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.Metrics;

/**
 * The worker side of a parameter-averaging round: starting from the broadcast parameters and
 * optimiser state, one local optimiser step per global minibatch of the round on the partition's
 * share of it (mean loss over the share); returns the resulting parameters and state weighted by the
 * samples processed. A worker with an empty share of a minibatch takes a step with zero gradients,
 * so that every worker's step counters stay equal.
 */
final class AveragingTask {
    private AveragingTask() {
    }

    /** The weighted result of {@code shard}'s K local steps. */
    static RoundSum compute(Shard shard, StepInput in, RunConfig run) {
        int[][] batches = in.batches();
        RoundSum sum = new RoundSum(batches.length);
        Replica replica = Replica.of(run.runId(), shard.index(), run.factory());
        Module model = replica.model();
        model.loadStateDict(in.weights().toMap());
        model.train();
        Optimizer opt = replica.optimizer(run.optimizer());
        opt.loadStateDict(in.optimizerState().toMap());
        List<Tensor> params = opt.params();
        long samples = 0;
        for (int k = 0; k < batches.length; k++) {
            int[] rows = shard.rowsOf(batches[k]);
            opt.zeroGrad();
            if (rows.length == 0) {
                for (Tensor p : params) {
                    p.backward(Tensor.wrap(p.data().zerosLike()));
                }
            } else {
                replica.reseed(run.seed(), in.firstStep() + k, shard.index());
                int[] y = shard.labels(rows);
                Tensor logits = model.forward(shard.features(rows, params.get(0).dtype()));
                Tensor loss = run.loss().apply(logits, y);
                loss.backward();
                double denominator = run.loss().meanDenominator(y, logits.shape());
                sum.addBatch(k, run.loss().sumOf(loss.item(), denominator), denominator,
                        Metrics.correct(y, logits.argmax(1)), rows.length);
                samples += rows.length;
            }
            if (run.clipNorm() > 0) {
                GradClip.clipGradNorm(params, run.clipNorm());
            }
            opt.step();
        }
        opt.zeroGrad();
        if (samples > 0) {
            sum.params().add(model.stateDict(), samples);
            sum.state().add(opt.stateDict(), samples);
        }
        return sum;
    }
}
