package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.backprop4j.data.CsvReader;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Split;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.EvaluationSet;
import org.backprop4j.train.EvaluationSummary;
import org.backprop4j.train.TableSplit;
import org.backprop4j.train.Trainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table read by the Spark backend in several partitions is split, limited, standardised and
 * numbered exactly as one process prepares the same CSV (the same rows on each side, bit-identical
 * scaled features and scaler statistics), its fingerprint does not depend on the partitioning, and
 * training and evaluation on it give the single-process figures.
 */
class DistributedTableTest {
    private static final TableSplit RECIPE = new TableSplit(0.2, 0.1, 1200, "standardize", 7);
    private static SparkBackend backend;

    @TempDir
    static Path dir;
    private static Path csv;

    @BeforeAll
    static void start() throws IOException {
        backend = new SparkBackend();
        backend.start(Map.of("master", "local[2]", "partitions", "0"));
        csv = writeCsv(dir.resolve("digits.csv"), Datasets.digits(), -1);
    }

    @AfterAll
    static void stop() {
        LocalSpark.session().conf().unset("spark.sql.files.maxPartitionBytes");
    }

    /** Digits as a CSV with named features and class names as labels; row {@code changed} (if >= 0) gets another first value. */
    private static Path writeCsv(Path file, Dataset d, int changed) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < d.numFeatures(); j++) {
            sb.append("p").append(j).append(',');
        }
        sb.append("digit\n");
        String[] names = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.numFeatures(); j++) {
                float v = d.feature(i, j) + (i == changed && j == 0 ? 0.5f : 0f);
                sb.append(v).append(',');
            }
            sb.append(names[d.label(i)]).append('\n');
        }
        return Files.writeString(file, sb.toString());
    }

    /** The table of {@code file} read in partitions of at most {@code partitionBytes}. */
    private static DistributedTable read(Path file, long partitionBytes, TableSplit recipe) {
        LocalSpark.session().conf().set("spark.sql.files.maxPartitionBytes", Long.toString(partitionBytes));
        return (DistributedTable) backend.readTable(file.toString(), "digit", recipe);
    }

    /** The rows of a part, gathered in index order (checks that the blocks number them 0..N-1 without gaps). */
    private static Dataset collect(TablePart part, int numClasses) {
        List<Shard> blocks = new ArrayList<>(part.blocks().collect());
        blocks.sort(Comparator.comparingInt(Shard::start));
        int n = part.size();
        int d = blocks.get(0).numFeatures();
        float[] x = new float[n * d];
        int[] y = new int[n];
        int next = 0;
        for (Shard s : blocks) {
            assertThat(s.start()).isEqualTo(next);
            Dataset b = s.asDataset(numClasses);
            System.arraycopy(b.featureData(), 0, x, next * d, b.size() * d);
            System.arraycopy(b.labels(), 0, y, next, b.size());
            next += b.size();
        }
        assertThat(next).isEqualTo(n);
        return new Dataset(x, d, y, numClasses);
    }

    /** What one process makes of the CSV: {train, validation, test} and the scaler. */
    private record Local(Dataset train, Dataset validation, Dataset test, Standardizer scaler) {
        static Local of(Path file, TableSplit r) {
            Dataset all = CsvReader.builder().labelColumn("digit").build().read(file);
            Split outer = Split.stratifiedSplit(all, r.testFraction(), r.seed());
            int[] first = new int[r.limit() == 0 ? outer.train().size() : r.limit()];
            for (int i = 0; i < first.length; i++) {
                first[i] = i;
            }
            Split inner = Split.stratifiedSplit(outer.train().subset(first), r.validationFraction(), r.seed() + 1);
            Standardizer s = Standardizer.fit(inner.train());
            return new Local(s.transform(inner.train()), s.transform(inner.test()), s.transform(outer.test()), s);
        }
    }

    @Test
    void splitsLimitsScalesAndNumbersTheRowsAsOneProcessDoes() {
        Local local = Local.of(csv, RECIPE);
        try (DistributedTable t = read(csv, 64 << 10, RECIPE)) {
            TablePart[] parts = t.parts();
            assertThat(parts[0].blocks().getNumPartitions()).isGreaterThan(3);
            assertThat(t.classNames()).containsExactly("eight", "five", "four", "nine", "one", "seven", "six", "three",
                    "two", "zero");
            Standardizer s = (Standardizer) t.scaler();
            assertThat(s.mean()).isEqualTo(local.scaler().mean());
            assertThat(s.std()).isEqualTo(local.scaler().std());
            Dataset[] expected = {local.train(), local.validation(), local.test()};
            for (int p = 0; p < 3; p++) {
                Dataset got = collect(parts[p], 10);
                assertThat(got.labels()).as("labels of part " + p).isEqualTo(expected[p].labels());
                assertThat(got.featureData()).as("features of part " + p).isEqualTo(expected[p].featureData());
            }
            assertThat(t.trainSize()).isEqualTo(local.train().size());
        }
    }

    @Test
    void theFingerprintDependsOnTheContentNotThePartitioning() throws IOException {
        TableSplit r = new TableSplit(0.2, 0, 0, "none", 1);
        String few;
        String many;
        try (DistributedTable t = read(csv, 1 << 20, r)) {
            few = t.fingerprint();
        }
        try (DistributedTable t = read(csv, 32 << 10, r)) {
            many = t.fingerprint();
        }
        Path changed = writeCsv(dir.resolve("changed.csv"), Datasets.digits(), 1000);
        try (DistributedTable t = read(changed, 32 << 10, r)) {
            assertThat(t.fingerprint()).isNotEqualTo(few);
        }
        assertThat(many).isEqualTo(few);
    }

    @Test
    void trainingAndEvaluationGiveTheSingleProcessFigures() {
        TableSplit r = new TableSplit(0.2, 0.1, 0, "standardize", 42);
        Local local = Local.of(csv, r);
        List<String> expected;
        {
            Rng rng = new Rng(42);
            ModelSpec spec = new ModelSpec(64, new int[]{16}, 10, "relu", 0);
            Sequential model = spec.build(rng, DType.FLOAT32);
            Trainer trainer = Trainer.builder(model, Adam.builder(model.parameters()).lr(TableTraining.LR).build())
                    .epochs(3).build();
            List<EpochResult> h = trainer.fit(DataLoader.builder(local.train()).batchSize(64).shuffle(rng).build(),
                    local.validation());
            EvaluationSummary test = EvaluationSet.of(local.test()).evaluate(model, trainer.loss());
            expected = new ArrayList<>();
            for (EpochResult e : h) {
                expected.add(e.trainLoss() + " " + e.trainAccuracy() + " " + e.validationLoss() + " " + e.validationAccuracy());
            }
            expected.add(test.samples() + " " + test.accuracy() + " " + test.loss());
        }
        List<String> lines;
        try (DistributedTable t = read(csv, 48 << 10, r)) {
            lines = TableTraining.run(t, 3, 64);
        }
        assertThat(lines).hasSize(4);
        for (int e = 0; e < 3; e++) {
            String[] want = expected.get(e).split(" ");
            String[] got = lines.get(e).split(" ");
            assertThat(Double.parseDouble(got[3])).as("loss " + e).isCloseTo(Double.parseDouble(want[0]), within(1e-5));
            assertThat(Double.parseDouble(got[5])).as("acc " + e).isCloseTo(Double.parseDouble(want[1]), within(1e-6));
            assertThat(Double.parseDouble(got[7])).as("val loss " + e).isCloseTo(Double.parseDouble(want[2]), within(1e-5));
            assertThat(Double.parseDouble(got[9])).as("val acc " + e).isCloseTo(Double.parseDouble(want[3]), within(1e-6));
        }
        String[] want = expected.get(3).split(" ");
        String[] got = lines.get(3).split(" ");
        assertThat(got[1]).isEqualTo(want[0]);
        assertThat(Double.parseDouble(got[4])).isCloseTo(Double.parseDouble(want[1]), within(1e-6));
        assertThat(Double.parseDouble(got[6])).isCloseTo(Double.parseDouble(want[2]), within(1e-5));
    }

    @Test
    void aMissingValueIsNamedWithItsColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,digit\n1,2,0\n3,,1\n5,6,0\n7,8,1\n");
        assertThatThrownBy(() -> read(bad, 1 << 20, new TableSplit(0.5, 0, 0, "none", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.csv")
                .hasMessageContaining("missing value in column \"b\"");
    }

    @Test
    void parquetWithIntegerLabelsKeepsThemAsClassIndices() throws IOException {
        Path parquet = dir.resolve("t.parquet");
        LocalSpark.session().read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                .selectExpr("p10", "p20", "CASE digit WHEN 'zero' THEN 0 WHEN 'one' THEN 1 ELSE 2 END AS y")
                .write().mode(SaveMode.Overwrite).parquet(parquet.toString());
        try (var t = backend.readTable(parquet.toString(), "y", new TableSplit(0.2, 0, 0, "minmax", 3))) {
            assertThat(t.numClasses()).isEqualTo(3);
            assertThat(t.classNames()).isEmpty();
            assertThat(t.numFeatures()).isEqualTo(2);
            assertThat(t.trainSize() + t.test().size()).isEqualTo(Datasets.digits().size());
        }
    }

    @Test
    void namesAMissingLabelColumn() {
        assertThatThrownBy(() -> backend.readTable(csv.toString(), "species", new TableSplit(0.2, 0, 0, "none", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column \"species\"");
    }
}
