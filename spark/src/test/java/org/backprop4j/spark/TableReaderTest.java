package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.backprop4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataFrames from CSV and Parquet become labelled data sets: numeric feature columns, labels mapped as CsvReader maps them. */
class TableReaderTest {
    @TempDir
    Path dir;

    private Path csv() throws IOException {
        return Files.writeString(dir.resolve("t.csv"), "a,name,b,kind\n1.5,x,2,dog\n3,y,4.25,cat\n5,z,6,dog\n7,w,8,emu\n");
    }

    @Test
    void readsACsvWithNamedLabels() throws IOException {
        Dataset d = TableReader.read(LocalSpark.session(), csv(), "kind");
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.numFeatures()).isEqualTo(2);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.classNames()).containsExactly("cat", "dog", "emu");
        assertThat(d.labels()).containsExactly(1, 0, 1, 2);
        assertThat(d.featureData()).containsExactly(1.5f, 2f, 3f, 4.25f, 5f, 6f, 7f, 8f);
    }

    @Test
    void readsParquetWithIntegerLabels() throws IOException {
        Path parquet = dir.resolve("t.parquet");
        LocalSpark.session().read().option("header", "true").option("inferSchema", "true").csv(csv().toString())
                .selectExpr("a", "b", "CASE kind WHEN 'dog' THEN 0 ELSE 1 END AS y").coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(parquet.toString());
        Dataset d = TableReader.read(LocalSpark.session(), parquet, "y");
        assertThat(d.numClasses()).isEqualTo(2);
        assertThat(d.classNames()).isEmpty();
        assertThat(d.labels()).containsExactly(0, 1, 0, 1);
        assertThat(d.featureNames()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void namesAMissingLabelColumn() throws IOException {
        Path file = csv();
        assertThatThrownBy(() -> TableReader.read(LocalSpark.session(), file, "species"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column \"species\"");
    }
}
