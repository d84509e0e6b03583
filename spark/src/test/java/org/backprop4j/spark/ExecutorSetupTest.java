package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.backprop4j.train.BackendException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver gives cluster executors, and the one-line messages of set-up and job failures. */
class ExecutorSetupTest {
    @TempDir
    Path dir;

    @Test
    void executorsGetTheVectorModuleTheDriversOpensAndItsBackprop4jSettings() {
        System.setProperty("backprop4j.testSetting", "a b");
        try {
            List<String> flags = ExecutorSetup.executorJvmFlags();
            assertThat(flags).startsWith("--add-modules=jdk.incubator.vector")
                    .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED") // from conf/jdk17-opens.args (surefire)
                    .contains("\"-Dbackprop4j.testSetting=a b\"");
        } finally {
            System.clearProperty("backprop4j.testSetting");
        }
    }

    @Test
    void localClusterExecutorsReadTheDriversClassPathAndOtherMastersNeedJars() throws Exception {
        Path home = Files.createDirectories(dir.resolve("jars")).getParent();
        Files.createFile(home.resolve("jars").resolve("spark-core_2.13-3.5.8.jar"));
        ExecutorSetup.checkSparkHome(home.toString(), "local-cluster[2,1,1024]");
        SparkConf local = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Dmine=1");
        List<Path> code = ExecutorSetup.codeLocations();
        // under Maven the classes are directories, which only executors on this machine can read
        if (Files.isDirectory(code.get(0))) {
            assertThatThrownBy(() -> ExecutorSetup.configure(new SparkConf(false), "spark://h:7077", null))
                    .isInstanceOf(BackendException.class).hasMessageContaining("cannot be shipped to spark://h:7077");
        }
        ExecutorSetup.configure(local, "local-cluster[2,1,1024]", home.toString());
        assertThat(local.get("spark.executor.extraClassPath").split(File.pathSeparator))
                .containsExactlyElementsOf(code.stream().map(Path::toString).toList());
        assertThat(local.get("spark.executorEnv.SPARK_SCALA_VERSION")).matches("2\\.1[23]");
        assertThat(local.get("spark.executor.extraJavaOptions")).startsWith("-Dmine=1 --add-modules=jdk.incubator.vector");
        SparkConf submitted = new SparkConf(false).set("spark.jars", "/x/app.jar");
        ExecutorSetup.configure(submitted, "spark://h:7077", null);
        assertThat(submitted.get("spark.jars")).as("spark-submit's --jars is left alone").isEqualTo("/x/app.jar");
    }

    @Test
    void aSparkHomeWithoutSparksJarsIsOneLine() {
        assertThatThrownBy(() -> ExecutorSetup.checkSparkHome(dir.toString(), "local-cluster[2,1,1024]"))
                .isInstanceOf(BackendException.class)
                .hasMessage("--spark local-cluster[2,1,1024] starts executors from $SPARK_HOME/jars, but "
                        + dir.resolve("jars") + " holds no spark-core jar; the ./backprop4j launcher sets it to"
                        + " spark/target/spark-home (whose jars/ is spark/target/lib)");
    }

    @Test
    void aJobThatLostItsClassesIsOneLineWithTheFix() {
        SparkException e = new SparkException("Job aborted due to stage failure: Task 0 in stage 1.0 failed 4 times,"
                + " most recent failure: Lost task 0.3 in stage 1.0 (TID 7) (10.0.0.2 executor 1):"
                + " java.lang.ClassNotFoundException: org.backprop4j.spark.Shard\n\tat java.base/java.net.URLClassLoader");
        BackendException b = SparkFailures.explain("training step 3 failed on Spark", e);
        assertThat(b.getMessage()).doesNotContain("\n").startsWith("training step 3 failed on Spark: Job aborted due to"
                + " stage failure: Task 0 in stage 1.0 failed 4 times").endsWith("ClassNotFoundException:"
                + " org.backprop4j.spark.Shard; the executors lack backprop4j's classes (or have other versions of them):"
                + " ship backprop4j-spark.jar and backprop4j.jar with spark-submit --jars, or set spark.jars");
        assertThat(SparkFailures.explain("could not start Spark on x", new NullPointerException()).getMessage())
                .isEqualTo("could not start Spark on x: java.lang.NullPointerException");
    }
}
