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
        assertThat(a.mean().arrays().get("step").get(0)).isEqualTo(7.0);
        WeightedSum w = new WeightedSum();
        w.add(Map.of("0.weight", NDArray.wrap(new float[]{1, 2}, 2)), 1);
        w.add(Map.of("0.weight", NDArray.wrap(new float[]{3, 6}, 2)), 3);
        NDArray m = w.mean().arrays().get("0.weight");
        assertThat(m.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(m.toDoubleArray()).containsExactly(2.5, 5.0);
    }

    @Test
    void weightedMeansReportTheirFirstValueThatIsNotFiniteInItsOwnDtype() {
        WeightedSum wide = new WeightedSum();
        wide.add(Map.of("a", NDArray.wrap(new double[]{6e38, 2}, 2)), 1);
        assertThat(wide.mean().problem()).isNull(); // 6e38 is finite in float64

        WeightedSum nan = new WeightedSum();
        Map<String, NDArray> state = new java.util.LinkedHashMap<>();
        state.put("0.weight", NDArray.wrap(new float[]{1, 2, Float.NaN}, 3));
        state.put("0.bias", NDArray.wrap(new float[]{Float.NaN}, 1));
        nan.add(state, 1);
        WeightedSum.Mean mean = nan.mean();
        assertThat(mean.arrays().get("0.weight").toDoubleArray()[1]).isEqualTo(2.0);
        assertThat(mean.problem()).isEqualTo("the workers' average of '0.weight' (shape [3]) is NaN at flat index 2");

        // a float64 mean beyond float32's range: 3e38 / 0.5 = 6e38 is an infinity in float32
        WeightedSum beyond = new WeightedSum();
        beyond.add(Map.of("c", NDArray.wrap(new float[]{0, 3e38f}, 2)), 1);
        beyond.add(Map.of("c", NDArray.wrap(new float[]{0, 0}, 2)), -0.5);
        assertThat(beyond.mean().problem()).isEqualTo("the workers' average of 'c' (shape [2]) is Infinity at flat index 1");
        assertThat(beyond.mean().arrays().get("c").dtype()).isEqualTo(DType.FLOAT32);
    }
}
