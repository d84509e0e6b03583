package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gradient sums add up and travel compactly; weighted sums average and round counters. */
class GradientSumTest {
    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private static GradientSum sumOf(double v, boolean wide) {
        Tensor p = Tensor.of(new double[]{1, 2, 3}, 3).requiresGrad();
        p.backward(Tensor.of(new double[]{v, 2 * v, 3 * v}, 3));
        GradientSum s = GradientSum.zero(wide);
        s.addGradients(List.of(p), v, 2, 1, 2);
        return s;
    }

    @Test
    void sumsMergeAndSurviveSerialisation() throws Exception {
        GradientSum a = sumOf(0.1, true).merge(sumOf(0.2, true));
        GradientSum back = (GradientSum) roundTrip(a);
        assertThat(back.gradient(0)).containsExactly(0.1 + 0.2, 2 * 0.1 + 2 * 0.2, 3 * 0.1 + 3 * 0.2);
        assertThat(back.denominator()).isEqualTo(4);
        assertThat(back.correct()).isEqualTo(2);
        assertThat(back.count()).isEqualTo(4);
        GradientSum narrow = (GradientSum) roundTrip(sumOf(0.1, false));
        assertThat(narrow.gradient(0)[0]).isEqualTo((float) 0.1);
        assertThat(((GradientSum) roundTrip(GradientSum.zero(false))).gradient(0)).isNull();
    }

    @Test
    void weightedSumsAverageAndRoundStepCounters() throws Exception {
        WeightedSum a = new WeightedSum();
        a.add(Map.of("step", NDArray.wrap(new double[]{7}, 1)), 30);
        WeightedSum b = new WeightedSum();
        b.add(Map.of("step", NDArray.wrap(new double[]{7}, 1)), 34);
        a.merge((WeightedSum) roundTrip(b));
        assertThat(a.mean().get("step").get(0)).isEqualTo(7.0);
        WeightedSum w = new WeightedSum();
        w.add(Map.of("0.weight", NDArray.wrap(new float[]{1, 2}, 2)), 1);
        w.add(Map.of("0.weight", NDArray.wrap(new float[]{3, 6}, 2)), 3);
        NDArray m = w.mean().get("0.weight");
        assertThat(m.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(m.toDoubleArray()).containsExactly(2.5, 5.0);
    }
}
