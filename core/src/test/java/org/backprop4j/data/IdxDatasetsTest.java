package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFourFilesOfAPreset() throws IOException {
        IdxFixtures.writeImages(dir, "train", 20, 4, 3, 10, true);
        IdxFixtures.writeImages(dir, "t10k", 10, 4, 3, 10, false);
        Split s = IdxDatasets.fashionMnist(dir);
        assertThat(s.train().size()).isEqualTo(20);
        assertThat(s.test().size()).isEqualTo(10);
        assertThat(s.train().numFeatures()).isEqualTo(12);
        assertThat(s.train().classNames()).first().isEqualTo("T-shirt/top");
        assertThat(s.train().featureNames()).startsWith("pixel_0_0", "pixel_0_1").endsWith("pixel_3_2");
        assertThat(s.train().feature(3, 2)).isEqualTo(23f);
        assertThat(s.train().pixelData()).as("kept as bytes").hasSize(20 * 12);
        assertThat(s.train().pixelDivisor()).isEqualTo(1f);
        assertThat(s.test().label(7)).isEqualTo(7);
    }

    @Test
    void saysHowToGetMissingFiles() {
        assertThatThrownBy(() -> IdxDatasets.fashionMnist(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> IdxDatasets.mnist(dir)).hasMessageContaining("download");
    }

    @Test
    void rejectsDisagreeingCountsAndLabelsOutOfRange() throws IOException {
        IdxFixtures.writeImages(dir, "train", 5, 2, 2, 10, false);
        IdxFixtures.write(dir.resolve("other-labels"), IdxFixtures.idx(new int[]{4}, new byte[]{0, 1, 2, 3}));
        IdxFixtures.write(dir.resolve("bad-labels"), IdxFixtures.idx(new int[]{5}, new byte[]{0, 1, 2, 3, 11}));
        Path images = dir.resolve("train-images-idx3-ubyte");
        assertThatThrownBy(() -> IdxDatasets.read(images, dir.resolve("other-labels"), IdxDatasets.DIGIT_CLASSES))
                .hasMessageContaining("5 images").hasMessageContaining("4 labels");
        assertThatThrownBy(() -> IdxDatasets.read(images, dir.resolve("bad-labels"), IdxDatasets.DIGIT_CLASSES))
                .hasMessageContaining("label 11 of item 4");
    }

    @Test
    void pixelScalerDividesBy255() {
        Dataset d = new Dataset(new float[]{0, 51, 255}, 3, new int[]{0}, 1);
        assertThat(IdxDatasets.pixelScaler(3).transform(d).featureData()).containsExactly(0f, 0.2f, 1f);
    }
}
