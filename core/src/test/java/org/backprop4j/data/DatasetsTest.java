package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void digits() {
        Dataset ds = Datasets.digits();
        assertThat(ds.size()).isEqualTo(1797);
        assertThat(ds.numFeatures()).isEqualTo(64);
        assertThat(ds.numClasses()).isEqualTo(10);
        assertThat(ds.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(ds.featureNames()).hasSize(64).startsWith("pixel_0_0", "pixel_0_1").endsWith("pixel_7_7");
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : ds.featureData()) {
            assertThat(v).isEqualTo((float) Math.rint(v));
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(16f);
        assertThat(ds.classCounts()).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        // the first image of scikit-learn's digits is a 0
        assertThat(ds.label(0)).isZero();
        assertThat(ds.feature(0, 2)).isEqualTo(5f);
    }

    @Test
    void iris() {
        Dataset ds = Datasets.iris();
        assertThat(ds.size()).isEqualTo(150);
        assertThat(ds.numFeatures()).isEqualTo(4);
        assertThat(ds.numClasses()).isEqualTo(3);
        assertThat(ds.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(ds.featureNames()).containsExactly("sepal length (cm)", "sepal width (cm)",
                "petal length (cm)", "petal width (cm)");
        assertThat(ds.classCounts()).containsExactly(50, 50, 50);
        assertThat(new float[]{ds.feature(0, 0), ds.feature(0, 1), ds.feature(0, 2), ds.feature(0, 3)})
                .containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
        for (float v : ds.featureData()) {
            assertThat(v).isBetween(0.1f, 7.9f);
        }
    }

    @Test
    void eachCallReturnsANewDataSet() {
        assertThat(Datasets.iris().featureData()).isNotSameAs(Datasets.iris().featureData());
    }
}
