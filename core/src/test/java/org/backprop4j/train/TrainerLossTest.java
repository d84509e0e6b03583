package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.MSELoss;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.NLLLoss;
import org.backprop4j.nn.Reduction;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The trainer trains and evaluates with its very loss object, and reports PyTorch's mean: the
 * weighted loss sum divided by the total weight of the counted (not ignored) targets. Checked
 * against a brute-force loop over the logits, for evaluation and for an epoch's training loss (with
 * a learning rate of 0 the epoch sees fixed weights, so its loss is that of the whole data set).
 */
class TrainerLossTest {
    private static final Dataset IRIS = Standardizer.fit(Datasets.iris()).transform(Datasets.iris());
    private static final double[] WEIGHTS = {0.2, 1.0, 3.0};
    /** The model computes in float32; the brute force sums its logits in float64. */
    private static final double TOL = 2e-6;

    private static Module model() {
        return new ModelSpec(4, new int[]{8}, 3, "tanh", 0).build(new Rng(3), DType.FLOAT32);
    }

    /** The logits of every sample, as doubles [N][K]. */
    private static double[][] logits(Module m) {
        try (var g = Grad.disabled()) {
            double[] flat = m.forward(IRIS.features()).toDoubleArray();
            double[][] z = new double[IRIS.size()][3];
            for (int i = 0; i < z.length; i++) {
                System.arraycopy(flat, 3 * i, z[i], 0, 3);
            }
            return z;
        }
    }

    /** Brute force: sum of w[y] * (-log softmax(z)[y]) over samples whose label is not ignored, over the sum of those w[y]. */
    private static double weightedMean(double[][] z, double[] w, int ignore) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < z.length; i++) {
            int y = IRIS.label(i);
            if (y == ignore) {
                continue;
            }
            double max = Math.max(z[i][0], Math.max(z[i][1], z[i][2]));
            double norm = 0;
            for (double v : z[i]) {
                norm += Math.exp(v - max);
            }
            double nll = -(z[i][y] - max - Math.log(norm));
            sum += w[y] * nll;
            weight += w[y];
        }
        return sum / weight;
    }

    private static Tensor weights() {
        return Tensor.of(WEIGHTS);
    }

    @Test
    void evaluationUsesTheClassWeightsAndIgnoredLabelOfTheTrainingLoss() {
        Module m = model();
        // a little training first, so that the classes' losses differ and the weights matter
        Trainer.builder(m, SGD.builder(m.parameters()).lr(0.1).build()).epochs(2).build()
                .fit(DataLoader.builder(IRIS).batchSize(16).shuffle(1).build(), null);
        CrossEntropyLoss ce = CrossEntropyLoss.builder().classWeights(weights()).ignoreIndex(1).build();
        Trainer trainer = Trainer.builder(m, SGD.builder(m.parameters()).lr(0.1).build()).loss(ce).build();
        double[][] z = logits(m);
        double expected = weightedMean(z, WEIGHTS, 1);
        assertThat(trainer.loss()).isSameAs(ce);
        assertThat(trainer.evaluate(IRIS).loss()).isCloseTo(expected, within(TOL));
        // the values a dropped weight or a mean over all n samples would give are clearly different
        assertThat(expected).isNotCloseTo(weightedMean(z, new double[]{1, 1, 1}, 1), within(1e-3));
        double overN = expected * sumOfCountedWeights(1) / IRIS.size();
        assertThat(expected).isNotCloseTo(overN, within(1e-3));
    }

    private static double sumOfCountedWeights(int ignore) {
        double s = 0;
        for (int y : IRIS.labels()) {
            s += y == ignore ? 0 : WEIGHTS[y];
        }
        return s;
    }

    @Test
    void anEpochsTrainingLossIsTheWeightedMeanOverAllItsBatches() {
        for (CrossEntropyLoss loss : List.of(CrossEntropyLoss.builder().classWeights(weights()).ignoreIndex(2).build(),
                CrossEntropyLoss.builder().classWeights(weights()).reduction(Reduction.SUM).build())) {
            Module m = model();
            double expected = weightedMean(logits(m), WEIGHTS, loss.ignoreIndex());
            Trainer trainer = Trainer.builder(m, SGD.builder(m.parameters()).lr(0).build()).loss(loss).epochs(1).build();
            List<EpochResult> h = trainer.fit(DataLoader.builder(IRIS).batchSize(16).shuffle(5).build(), IRIS);
            assertThat(h.get(0).trainLoss()).as("%s", loss.reduction()).isCloseTo(expected, within(TOL));
            assertThat(h.get(0).validationLoss()).isCloseTo(expected, within(TOL));
        }
    }

    @Test
    void nllAndMseFollowTheSameContract() {
        Module m = model();
        double[][] z = logits(m);
        // NLL of log-softmax outputs: the model ends in raw logits, so NLL sees them as log-probabilities
        double nll = 0;
        double weight = 0;
        double mse = 0;
        for (int i = 0; i < z.length; i++) {
            int y = IRIS.label(i);
            nll += -WEIGHTS[y] * z[i][y];
            weight += WEIGHTS[y];
            for (int k = 0; k < 3; k++) {
                double d = z[i][k] - (k == y ? 1 : 0);
                mse += d * d;
            }
        }
        assertThat(Trainer.evaluate(m, IRIS, NLLLoss.builder().classWeights(weights()).build()).loss())
                .isCloseTo(nll / weight, within(TOL));
        assertThat(Trainer.evaluate(m, IRIS, new MSELoss()).loss()).isCloseTo(mse / (3.0 * z.length), within(TOL));
    }

    @Test
    void anUnreducedLossIsRefused() {
        Module m = model();
        assertThatThrownBy(() -> Trainer.builder(m, SGD.builder(m.parameters()).build())
                .loss(CrossEntropyLoss.builder().reduction(Reduction.NONE).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be reduced");
    }
}
