package org.backprop4j.spark;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.backprop4j.kernel.Kernels;

/**
 * Which kernel set each executor holding shards chose (the Vector API one unless its JVM lacks
 * {@code --add-modules jdk.incubator.vector}), as one line for the driver's log. Running it also
 * computes and caches the shards, so the first step does not pay for that.
 */
final class ExecutorKernels {
    private ExecutorKernels() {
    }

    /** For example "spark executors: 0 on 127.0.0.1 vector kernels (partition 0); 1 on 127.0.0.1 vector kernels (partition 1)". */
    static String report(JavaRDD<Shard> shards) {
        List<String[]> seen = shards.map(ExecutorKernels::where).collect();
        Map<String, TreeSet<Integer>> partitions = new TreeMap<>();
        for (String[] s : seen) {
            partitions.computeIfAbsent(s[1], k -> new TreeSet<>()).add(Integer.parseInt(s[0]));
        }
        StringBuilder line = new StringBuilder("spark executors:");
        String sep = " ";
        for (Map.Entry<String, TreeSet<Integer>> e : partitions.entrySet()) {
            TreeSet<Integer> p = e.getValue();
            line.append(sep).append(e.getKey()).append(p.size() == 1 ? " (partition " : " (partitions ")
                    .append(String.join(", ", p.stream().map(String::valueOf).toList())).append(')');
            sep = "; ";
        }
        return line.toString();
    }

    /** On an executor: {partition, "ID on HOST: NAME kernels"}. */
    private static String[] where(Shard s) {
        SparkEnv env = SparkEnv.get();
        return new String[]{Integer.toString(s.index()), env.executorId() + " on " + env.blockManager().blockManagerId().host()
                + ": " + Kernels.implementation() + " kernels"};
    }
}
