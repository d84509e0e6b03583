package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet table of about 300 MB, more than twice the driver's heap of 128 MiB, is read, split,
 * standardised and trained on for one epoch (batches of 65536, about 21 steps) and evaluated, on
 * local[2] in a JVM of its own: the rows stay in the executors' blocks (on disk, as the executors
 * of local[2] share the driver's small heap), never on the driver. It takes minutes (writing the
 * table most of them), so it runs only when asked: {@code mvn -pl spark -am test -Dtest=BigTableTest
 * -Dbackprop4j.bigTable=true}.
 */
@EnabledIfSystemProperty(named = "backprop4j.bigTable", matches = "true")
class BigTableTest {
    private static final long ROWS = 1_900_000;
    private static final int FEATURES = 40;

    @TempDir
    Path dir;

    @Test
    void aTableTwiceTheDriversHeapIsTrainedOnWithoutReachingIt() throws Exception {
        Path table = dir.resolve("big.parquet");
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            cols.add(functions.rand(j).multiply(2).minus(1).cast("float").as("f" + j));
        }
        LocalSpark.session().range(0, ROWS, 1, 4).select(cols.toArray(new org.apache.spark.sql.Column[0]))
                .withColumn("label", functions.expr("CASE WHEN f0 + f1 - f2 > 0 THEN 1 ELSE 0 END"))
                // row groups of 8 MiB, not Parquet's 128 MiB: a reader holds a row group, and the executors
                // of local[2] share the driver's small heap
                .write().option("parquet.block.size", 8 << 20).parquet(table.toString());
        long bytes;
        try (Stream<Path> files = Files.walk(table)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(bytes).as("the table's size on disk").isGreaterThan(2L * (128 << 20));

        Path out = dir.resolve("out.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector",
                "@" + Path.of("conf/jdk17-opens.args").toAbsolutePath(),
                "-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath(),
                // Spark refuses a driver heap under 450 MiB unless its reserve is lowered; the executors of
                // local[2] share that heap, so the table's blocks are kept on disk
                "-Dspark.testing.reservedMemory=0", "-D" + DistributedTable.STORAGE_LEVEL + "=DISK_ONLY",
                // Java serialisation streams keep every object written or read until a reset (100 by default)
                "-Dspark.serializer.objectStreamReset=1",
                "-Djava.io.tmpdir=" + dir.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), TableTraining.class.getName(),
                table.toString(), "label", "1", "65536")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(ended).as("finished; output:\n" + text).isTrue();
        assertThat(p.exitValue()).as("exit status; output:\n" + text).isZero();
        assertThat(text).contains("heap 1").containsPattern("epoch 1 loss 0\\.\\d+");
        String testLine = text.lines().filter(l -> l.startsWith("test ")).findFirst().orElseThrow();
        // 20% of the rows held out; a learnable label (sign of f0 + f1 - f2)
        assertThat(testLine).startsWith("test 380000 samples");
        double accuracy = Double.parseDouble(testLine.split(" ")[4]);
        assertThat(accuracy).isGreaterThan(0.7);
        long heapMiB = Long.parseLong(text.lines().filter(l -> l.startsWith("heap ")).findFirst().orElseThrow()
                .split(" ")[1]);
        assertThat(heapMiB).isLessThanOrEqualTo(128);
        assertThat(bytes >> 20).isGreaterThan(2 * heapMiB);
    }
}
