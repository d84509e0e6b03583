package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without the spark module on the class path, --spark and --spark-input fail with a clear message. */
class SparkOptionsTest {
    @Test
    void sparkWithoutTheSparkModuleExplainsWhatIsMissing() {
        Cli.Result r = Cli.run("train", "--spark", "local[2]", "--epochs", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--spark needs the backprop4j-spark module");
    }

    @Test
    void sparkInputNeedsSpark() {
        Cli.Result r = Cli.run("train", "--spark-input", "data.parquet", "--label", "y");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--spark-input needs --spark");
    }
}
