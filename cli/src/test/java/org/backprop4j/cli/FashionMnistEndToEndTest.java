package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.backprop4j.data.IdxDatasets;
import org.junit.jupiter.api.Test;

/** A short real training run on Fashion-MNIST (installed by .ci/run with apt-get); skipped when the files are absent. */
class FashionMnistEndToEndTest {
    @Test
    void aShortRunIsFarAboveChance() {
        assumeTrue(Files.isRegularFile(IdxDatasets.FASHION_MNIST_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed in " + IdxDatasets.FASHION_MNIST_DIR
                        + " (apt-get install dataset-fashion-mnist); skipping the end-to-end test");
        Cli.Result r = Cli.run("train", "--dataset", "fashion-mnist", "--limit", "6000", "--epochs", "1",
                "--hidden", "64", "--val-split", "0.1");
        assertThat(r.exit()).as(r.err()).isZero();
        double acc = Double.parseDouble(r.out().replaceAll("(?s).*test accuracy: ([0-9.]+).*", "$1"));
        assertThat(acc).as("10000 test images, chance is 0.1").isGreaterThan(0.65);
    }
}
