package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every loss keeps the {@link Loss} contract: its MEAN is its SUM over {@link Loss#meanDenominator}
 * (PyTorch's denominators: the weight of the counted labels for CE and NLL, the number of elements
 * for BCE and MSE); {@code withReduction} keeps every other setting; a serialised copy (what Spark
 * ships to its workers) computes the same values.
 */
class LossContractTest {
    private static final double[] Z = {0.3, -1.2, 2.0, 0.5, 0.1, -0.4, 1.5, 0.0, -2.2, 0.9, 0.9, -0.3};

    private static List<Loss> losses() {
        Tensor w = Tensor.of(new double[]{0.5, 2.0, 1.0, 3.0});
        return List.of(new CrossEntropyLoss(),
                CrossEntropyLoss.builder().classWeights(w).labelSmoothing(0.1).ignoreIndex(3).build(),
                NLLLoss.builder().classWeights(w).ignoreIndex(0).build(),
                BCEWithLogitsLoss.builder().posWeight(Tensor.of(new double[]{1, 2, 3, 4})).build(),
                new MSELoss());
    }

    @Test
    void meanIsSumOverTheDenominator() {
        for (Loss loss : losses()) {
            Tensor z = Tensor.of(Z, 3, 4);
            int[] y = {2, 0, 3};
            double mean = loss.withReduction(Reduction.MEAN).apply(z, y).item();
            double sum = loss.withReduction(Reduction.SUM).apply(z, y).item();
            assertThat(mean).as(loss.getClass().getSimpleName()).isCloseTo(sum / loss.meanDenominator(y, z.shape()),
                    within(1e-12));
            assertThat(loss.sumOf(mean, loss.meanDenominator(y, z.shape()))).isCloseTo(sum, within(1e-12));
        }
    }

    @Test
    void denominatorsArePyTorchs() {
        int[] y = {2, 0, 3};
        int[] shape = {3, 4};
        assertThat(losses().get(0).meanDenominator(y, shape)).isEqualTo(3);
        assertThat(losses().get(1).meanDenominator(y, shape)).isEqualTo(1.0 + 0.5); // label 3 ignored
        assertThat(losses().get(2).meanDenominator(y, shape)).isEqualTo(1.0 + 3.0); // label 0 ignored
        assertThat(losses().get(3).meanDenominator(y, shape)).isEqualTo(12);
        assertThat(losses().get(4).meanDenominator(y, shape)).isEqualTo(12);
    }

    @Test
    void elementWiseLossesTakeLabelsAsOneHotTargets() {
        Tensor z = Tensor.of(Z, 3, 4);
        double[] oneHot = new double[12];
        oneHot[2] = 1;
        oneHot[4] = 1;
        oneHot[11] = 1;
        assertThat(new MSELoss().apply(z, new int[]{2, 0, 3}).item())
                .isEqualTo(new MSELoss().apply(z, Tensor.of(oneHot, 3, 4)).item());
        BCEWithLogitsLoss bce = (BCEWithLogitsLoss) losses().get(3);
        assertThat(bce.apply(z, new int[]{2, 0, 3}).item()).isEqualTo(bce.apply(z, Tensor.of(oneHot, 3, 4)).item());
        assertThatThrownBy(() -> new MSELoss().apply(z, new int[]{2, 0, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 4 of row 2");
    }

    @Test
    void aSerialisedLossComputesTheSameValues() throws Exception {
        Tensor z = Tensor.of(Z, 3, 4);
        int[] y = {2, 0, 1};
        for (Loss loss : losses()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(loss);
            }
            Loss copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (Loss) in.readObject();
            }
            assertThat(copy.getClass()).isEqualTo(loss.getClass());
            assertThat(copy.reduction()).isEqualTo(loss.reduction());
            assertThat(copy.apply(z, y).item()).as(loss.getClass().getSimpleName()).isEqualTo(loss.apply(z, y).item());
            assertThat(copy.meanDenominator(y, z.shape())).isEqualTo(loss.meanDenominator(y, z.shape()));
        }
    }
}
