package org.backprop4j.train;

import org.backprop4j.data.Batch;
import org.backprop4j.data.DataLoader;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Module;
import org.backprop4j.tensor.Tensor;

/**
 * The single-process {@link StepExecutor}: gathers the minibatch, runs forward, loss and backward in
 * the step {@link Workspace}, so the steady state allocates no large arrays.
 */
final class LocalSteps implements StepExecutor {
    private final Workspace workspace = new Workspace();
    private Module model;
    private Loss loss;
    private DataLoader loader;

    @Override
    public void open(Trainer trainer, DataLoader train) {
        this.model = trainer.model();
        this.loss = trainer.loss();
        this.loader = train;
    }

    /** One forward and backward pass; a non-finite loss is reported without its backward pass. */
    @Override
    public StepFigures gradients(int[] rows, long step) {
        // the step's batch, activations and gradients reuse the previous step's arrays
        try (Workspace ws = workspace.begin()) {
            Batch batch = loader.trainingBatch(rows, 0, rows.length, loader.epochOfStep(step));
            int[] y = batch.y();
            Tensor logits = model.forward(batch.x());
            Tensor l = loss.apply(logits, y);
            double value = l.item();
            if (Double.isFinite(value)) {
                l.backward();
            }
            return new StepFigures(y.length, value, loss.meanDenominator(y, logits.shape()),
                    Metrics.correct(y, logits.argmax(1)));
        }
    }
}
