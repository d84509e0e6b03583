package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {
    // 3 samples x 2 features
    private static Dataset small() {
        return new Dataset(new float[]{1, 2, 3, 4, 5, 6}, 2, new int[]{0, 2, 1}, 3,
                List.of("a", "b", "c"), List.of("f0", "f1"));
    }

    @Test
    void sizesAndAccessors() {
        Dataset ds = small();
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.numFeatures()).isEqualTo(2);
        assertThat(ds.numClasses()).isEqualTo(3);
        assertThat(ds.feature(1, 1)).isEqualTo(4f);
        assertThat(ds.label(1)).isEqualTo(2);
        assertThat(ds.labels()).containsExactly(0, 2, 1);
        assertThat(ds.classNames()).containsExactly("a", "b", "c");
        assertThat(ds.className(2)).isEqualTo("c");
        assertThat(ds.featureNames()).containsExactly("f0", "f1");
        assertThat(ds.classCounts()).containsExactly(1, 1, 1);
        assertThat(ds.toString()).contains("3 x 2", "3 classes");
    }

    @Test
    void featuresAsFloat32TensorCopy() {
        Dataset ds = small();
        Tensor x = ds.features();
        assertThat(x.shape()).containsExactly(3, 2);
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(x.data().floatData()).isNotSameAs(ds.featureData());
    }

    @Test
    void unnamedClassesUseTheirIndex() {
        Dataset ds = new Dataset(new float[]{1, 2}, 1, new int[]{0, 1}, 2);
        assertThat(ds.classNames()).isEmpty();
        assertThat(ds.featureNames()).isEmpty();
        assertThat(ds.className(1)).isEqualTo("1");
    }

    @Test
    void labelsReturnsACopy() {
        Dataset ds = small();
        ds.labels()[0] = 2;
        assertThat(ds.label(0)).isZero();
    }

    @Test
    void subsetGathersRowsInOrderWithRepeats() {
        Dataset sub = small().subset(new int[]{2, 0, 2});
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.featureData()).containsExactly(5, 6, 1, 2, 5, 6);
        assertThat(sub.labels()).containsExactly(1, 0, 1);
        assertThat(sub.numClasses()).isEqualTo(3);
        assertThat(sub.classNames()).containsExactly("a", "b", "c");
        assertThat(sub.featureNames()).containsExactly("f0", "f1");
        assertThat(small().subset(new int[0]).size()).isZero();
    }

    @Test
    void subsetRejectsIndexOutOfRange() {
        assertThatThrownBy(() -> small().subset(new int[]{0, 3}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("subset index 3 at position 1 outside [0, 3)");
    }

    @Test
    void rejectsFeatureCountMismatch() {
        assertThatThrownBy(() -> new Dataset(new float[5], 2, new int[]{0, 0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features have 5 values but 3 labels x 2 features need 6");
    }

    @Test
    void rejectsLabelOutOfRange() {
        assertThatThrownBy(() -> new Dataset(new float[3], 1, new int[]{0, 3, 1}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label of sample 1 is 3, outside [0, 3)");
        assertThatThrownBy(() -> new Dataset(new float[1], 1, new int[]{-1}, 3))
                .hasMessageContaining("label of sample 0 is -1");
    }

    @Test
    void rejectsNonFiniteFeatures() {
        assertThatThrownBy(() -> new Dataset(new float[]{0, 1, Float.NaN, 2}, 2, new int[]{0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 0 of sample 1 is NaN");
    }

    @Test
    void rejectsBadCountsAndNames() {
        assertThatThrownBy(() -> new Dataset(new float[0], 0, new int[0], 1))
                .hasMessageContaining("numFeatures must be at least 1, got 0");
        assertThatThrownBy(() -> new Dataset(new float[0], 1, new int[0], 0))
                .hasMessageContaining("numClasses must be at least 1, got 0");
        assertThatThrownBy(() -> new Dataset(new float[2], 1, new int[]{0, 1}, 2, List.of("x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 class names [x] but numClasses is 2");
        assertThatThrownBy(() -> new Dataset(new float[2], 2, new int[]{0}, 1, null, List.of("a", "b", "c")))
                .hasMessageContaining("3 feature names [a, b, c] but numFeatures is 2");
    }
}
