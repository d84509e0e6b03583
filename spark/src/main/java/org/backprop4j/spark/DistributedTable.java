package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.backprop4j.data.FeatureScaler;
import org.backprop4j.data.FeatureStats;
import org.backprop4j.data.MinMaxScaler;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.train.EvaluationSet;
import org.backprop4j.train.RemoteTable;
import org.backprop4j.train.StepExecutor;
import org.backprop4j.train.TableSplit;

/**
 * A table read, split and scaled in the executors, as one process prepares a data set but without
 * the rows ever reaching the driver: the label classes (a distinct over the label column), the
 * per-partition class counts and the fingerprint (one pass), the stratified test and validation
 * splits (the held-out ranks drawn in the driver from the class counts, applied per partition), the
 * first {@code limit} samples, the scaling statistics (exact sums merged over partitions) and the
 * scaled training, validation and test blocks, kept by the executors at the storage level
 * {@value #STORAGE_LEVEL} (default MEMORY_AND_DISK; DISK_ONLY when an executor's memory is small).
 */
final class DistributedTable implements RemoteTable {
    /** The Spark setting of the storage level of the table's blocks. */
    static final String STORAGE_LEVEL = "spark.backprop4j.storageLevel";

    private final JavaSparkContext sc;
    private final SparkBackend backend;
    private final TablePart train;
    private final TablePart validation;
    private final TablePart test;
    private final FeatureScaler scaler;
    private final int numFeatures;
    private final List<String> classNames;
    private final int numClasses;
    private final String fingerprint;
    private final List<Broadcast<?>> owned;

    private DistributedTable(JavaSparkContext sc, SparkBackend backend,
                             TablePart train, TablePart validation, TablePart test, FeatureScaler scaler,
                             int numFeatures, TableReader.Classes classes, String fingerprint, List<Broadcast<?>> owned) {
        this.sc = sc;
        this.backend = backend;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.scaler = scaler;
        this.numFeatures = numFeatures;
        this.classNames = classes.names();
        this.numClasses = classes.count();
        this.fingerprint = fingerprint;
        this.owned = owned;
    }

    /**
     * Reads {@code path} with {@code spark} and prepares it as {@code recipe} says, for training with
     * {@code backend}'s settings. A problem with the table is an
     * {@link IllegalArgumentException} naming it.
     */
    static DistributedTable read(SparkSession spark, String path, String labelColumn, TableSplit recipe,
                                 SparkBackend backend) {
        try {
            return prepare(spark, path, labelColumn, recipe, backend);
        } catch (Exception e) { // Spark's own exceptions are checked ones thrown unchecked
            if (e instanceof AnalysisException a) {
                throw new IllegalArgumentException(path + ": " + a.getSimpleMessage(), e);
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) { // a problem of the table, also when found by an executor
                    throw new IllegalArgumentException(path + ": " + t.getMessage(), e);
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("reading " + path + ": " + e.getMessage(), e);
        }
    }

    private static DistributedTable prepare(SparkSession spark, String path, String labelColumn, TableSplit recipe,
                                            SparkBackend backend)
            throws AnalysisException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        StorageLevel level = StorageLevel.fromString(sc.getConf().get(STORAGE_LEVEL, "MEMORY_AND_DISK"));
        TableReader.Columns columns = TableReader.columns(TableReader.load(spark, path), labelColumn);
        JavaRDD<Row> rows = columns.frame().javaRDD();
        List<String> features = columns.features();
        int d = features.size();
        List<String> distinct = rows.filter(r -> !r.isNullAt(d)).map(r -> TableReader.rawLabel(r.get(d))).distinct()
                .take(TableReader.MAX_CLASSES + 1);
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("the table has no rows with a label in column \"" + columns.label() + "\"");
        }
        if (distinct.size() > TableReader.MAX_CLASSES) {
            throw new IllegalArgumentException("the label column \"" + columns.label() + "\" has more than "
                    + TableReader.MAX_CLASSES + " distinct values; is it really the label?");
        }
        TableReader.Classes classes = TableReader.classes(distinct);
        int k = classes.count();
        List<Broadcast<?>> owned = new ArrayList<>();
        Broadcast<TableReader.Classes> classesBc = sc.broadcast(classes);
        owned.add(classesBc);
        JavaRDD<Shard> local = rows.mapPartitionsWithIndex((p, it) -> TableReader.blocks(p, it, features, classesBc.value()),
                true).persist(level);

        // one pass: per partition, the class counts and the fingerprint's sums
        List<Object[]> facts = local.mapPartitions(it -> {
            long[] counts = new long[k];
            long[] partial = TableFingerprint.partial(new Iterator<Shard>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Shard next() {
                    Shard s = it.next();
                    s.countClasses(counts);
                    return s;
                }
            });
            return List.<Object[]>of(new Object[]{counts, partial}).iterator();
        }, true).collect();
        long[][] counts = new long[facts.size()][];
        List<long[]> partials = new ArrayList<>();
        for (int p = 0; p < facts.size(); p++) {
            counts[p] = (long[]) facts.get(p)[0];
            partials.add((long[]) facts.get(p)[1]);
        }
        TablePart all = TablePart.number(local, counts);
        if (all.size() < 2) {
            throw new IllegalArgumentException("the table has " + all.size() + " rows; it needs at least 2");
        }
        String fingerprint = TableFingerprint.combine(partials, TablePart.firstIndices(counts), all.size(), d,
                classes.names());

        TablePart[] outer = all.split(sc, recipe.testFraction(), recipe.seed(), owned);
        TablePart trainAll = recipe.limit() > 0 ? outer[0].limit(recipe.limit()) : outer[0];
        TablePart trainRaw = trainAll;
        TablePart validationRaw = null;
        if (recipe.validationFraction() > 0) {
            TablePart[] inner = trainAll.split(sc, recipe.validationFraction(), recipe.seed() + 1, owned);
            trainRaw = inner[0];
            validationRaw = inner[1];
        }
        FeatureScaler scaler = fit(recipe.scaling(), trainRaw, d);
        TablePart train = trainRaw.scaled(scaler, k).persist(level);
        TablePart validation = validationRaw == null ? null : validationRaw.scaled(scaler, k).persist(level);
        TablePart test = outer[1].scaled(scaler, k).persist(level);
        local.unpersist(false);
        return new DistributedTable(sc, backend, train,
                validation, test, scaler, d, classes, fingerprint, owned);
    }

    /** The scaler of kind {@code kind} fitted on {@code part} (exact statistics, one or two Spark jobs), or null for none. */
    private static FeatureScaler fit(String kind, TablePart part, int numFeatures) {
        switch (kind) {
            case "standardize": {
                double[] mean = Standardizer.means(part.stats(FeatureStats.of(numFeatures)));
                return Standardizer.of(mean, part.stats(FeatureStats.around(mean)));
            }
            case "minmax":
                return MinMaxScaler.of(part.stats(FeatureStats.of(numFeatures)));
            default:
                return null;
        }
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public FeatureScaler scaler() {
        return scaler;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public EvaluationSet validation() {
        return validation == null ? null : new TableEvaluation(sc, validation, numClasses);
    }

    @Override
    public EvaluationSet test() {
        return new TableEvaluation(sc, test, numClasses);
    }

    @Override
    public StepExecutor executor(Map<String, String> architecture, DType dtype) {
        return backend.steps(architecture, dtype, train.blocks());
    }

    /** The scaled parts: training, validation (or null) and test. */
    TablePart[] parts() {
        return new TablePart[]{train, validation, test};
    }

    @Override
    public void close() {
        train.unpersist();
        if (validation != null) {
            validation.unpersist();
        }
        test.unpersist();
        for (Broadcast<?> b : owned) {
            b.destroy();
        }
    }
}
