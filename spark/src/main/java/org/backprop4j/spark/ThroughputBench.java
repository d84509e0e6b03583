package org.backprop4j.spark;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Adam;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;

/**
 * Training throughput of the same workload single-process and on Spark masters, side by side in one
 * run: {@code ThroughputBench [epochs] [hidden] [batch sizes...]} (default 3 epochs, hidden 128,
 * batches 32 and 512, on the standardised digits), masters from {@code -Dmasters=M1;M2...} (default
 * {@code local[1];local[2]}; {@code local-cluster[...]} needs SPARK_HOME, as set by the launcher), one
 * partition per core. Prints samples per second of training (the epochs after the first, to leave out
 * warm-up) for each configuration.
 */
public final class ThroughputBench {
    private ThroughputBench() {
    }

    /** Runs the comparison and prints one line per configuration. */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int[] batches = args.length > 2 ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{32, 512};
        Dataset all = Datasets.digits();
        Dataset data = Standardizer.fit(all).transform(all);
        ModelRecipe recipe = ModelRecipe.of(new org.backprop4j.io.ModelSpec(64, new int[]{hidden}, 10, "relu", 0),
                org.backprop4j.ndarray.DType.FLOAT32);
        System.out.printf(Locale.ROOT, "digits %d samples, MLP 64-%d-10, Adam, %d epochs (first excluded)%n",
                data.size(), hidden, epochs);
        for (int batch : batches) {
            System.out.printf(Locale.ROOT, "batch %4d  single-process  %9.0f samples/s%n", batch,
                    run(null, recipe, data, batch, epochs, 0));
        }
        for (String master : System.getProperty("masters", "local[1];local[2]").split(";")) {
            SparkSession s = SparkSessions.start(master);
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(s.sparkContext());
                for (int batch : batches) {
                    System.out.printf(Locale.ROOT, "batch %4d  spark %s  %9.0f samples/s%n", batch, master,
                            run(sc, recipe, data, batch, epochs, sc.defaultParallelism()));
                }
            } finally {
                s.stop();
            }
        }
    }

    private static double run(JavaSparkContext sc, ModelRecipe recipe, Dataset data, int batch, int epochs, int parts) {
        Module model = recipe.create(new Rng(1));
        Trainer.Builder tb = Trainer.builder(model, Adam.builder(model.parameters()).lr(1e-3).build()).epochs(epochs);
        if (sc != null) {
            tb.executor(SparkSteps.builder(sc, recipe).partitions(parts).build());
        }
        DataLoader loader = DataLoader.builder(data).batchSize(batch).shuffle(2).build();
        List<EpochResult> h = tb.build().fit(loader, null);
        double seconds = 0;
        for (int e = 1; e < h.size(); e++) {
            seconds += h.get(e).seconds();
        }
        return (double) data.size() * (h.size() - 1) / seconds;
    }
}
