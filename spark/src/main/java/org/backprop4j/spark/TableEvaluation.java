package org.backprop4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Module;
import org.backprop4j.train.EvaluationSet;
import org.backprop4j.train.EvaluationSummary;

/**
 * Evaluation on a part of a table where the executors keep it: the model's state is broadcast, each
 * partition rebuilds the model and evaluates its blocks as one process evaluates a data set, and the
 * partitions' summaries (loss sums, denominators, confusion counts) are added up.
 */
final class TableEvaluation implements EvaluationSet {
    private final JavaSparkContext sc;
    private final TablePart part;
    private final int numClasses;

    TableEvaluation(JavaSparkContext sc, TablePart part, int numClasses) {
        this.sc = sc;
        this.part = part;
        this.numClasses = numClasses;
    }

    @Override
    public long size() {
        return part.size();
    }

    @Override
    public EvaluationSummary evaluate(Module model, Loss loss) {
        ModelFactory recipe = ModelRecipe.of(ModelSpec.of(model), model.parameters().get(0).dtype());
        Broadcast<StateArrays> weights = sc.broadcast(StateArrays.of(model.stateDict()));
        int k = numClasses;
        try {
            return part.blocks().mapPartitions(it -> {
                EvaluationSummary sum = EvaluationSummary.empty(k);
                if (it.hasNext()) {
                    Module replica = recipe.create(new Rng(0));
                    replica.loadStateDict(weights.value().toMap());
                    while (it.hasNext()) {
                        sum = sum.merge(EvaluationSet.of(it.next().asDataset(k)).evaluate(replica, loss));
                    }
                }
                return List.of(sum).iterator();
            }, true).treeAggregate(EvaluationSummary.empty(k), EvaluationSummary::merge, EvaluationSummary::merge, 2);
        } finally {
            weights.destroy();
        }
    }
}
