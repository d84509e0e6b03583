package org.backprop4j.train;

import java.util.Objects;
import org.backprop4j.data.Dataset;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Module;

/**
 * Labelled samples a model is evaluated on, without a graph, after each epoch (validation) or at the
 * end (test): a {@link Dataset} in this process ({@link #of}), or the rows of a table that a
 * {@link TrainingBackend} keeps on its workers.
 */
public interface EvaluationSet {
    /** The number of samples. */
    long size();

    /** Loss, accuracy and confusion counts of {@code model} on these samples, in eval mode and without a graph. */
    EvaluationSummary evaluate(Module model, Loss loss);

    /**
     * The samples of {@code data}, evaluated in this process; the set keeps the arrays of its evaluation
     * passes for the next one (validation after every epoch makes no garbage). Not for concurrent use.
     */
    static EvaluationSet of(Dataset data) {
        Objects.requireNonNull(data, "data");
        NoGradEvaluation evaluation = new NoGradEvaluation();
        return new EvaluationSet() {
            @Override
            public long size() {
                return data.size();
            }

            @Override
            public EvaluationSummary evaluate(Module model, Loss loss) {
                return evaluation.summary(model, data, loss);
            }
        };
    }
}
