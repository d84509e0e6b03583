package org.backprop4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.backprop4j.train.BackendException;

/**
 * Starts the Spark session: embedded in this JVM for a {@code local[...]} master (no cluster, no
 * web UI), or attached to a cluster: {@code local-cluster[...]}, the master spark-submit configured, or
 * any other. For a cluster it prepares the executors ({@link ExecutorSetup}), fails fast when the
 * master cannot be reached, and waits for the executors to register ({@link ClusterStart}).
 */
public final class SparkSessions {
    /** The master used when none is given and spark-submit set none: all local cores. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * The session for {@code master} (e.g. {@code local[2]}, {@code local-cluster[2,1,1024]},
     * {@code spark://host:7077}, {@code yarn}); null or empty means the master spark-submit set
     * ({@code spark.master}), else {@link #DEFAULT_MASTER}.
     *
     * @throws BackendException when the cluster cannot be reached or its executors do not start
     */
    public static SparkSession start(String master) {
        String m = master == null || master.isBlank() ? System.getProperty("spark.master", DEFAULT_MASTER) : master;
        SparkConf conf = new SparkConf().setAppName("backprop4j").setMaster(m).set("spark.ui.showConsoleProgress", "false");
        boolean embedded = m.startsWith("local[") || m.equals("local");
        if (embedded || m.startsWith("local-cluster")) {
            conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "4");
        }
        if (!embedded) {
            ClusterStart.checkReachable(m);
            ExecutorSetup.configure(conf, m, System.getenv("SPARK_HOME"));
        }
        SparkSession session;
        try {
            session = SparkSession.builder().config(conf).getOrCreate();
        } catch (RuntimeException e) {
            throw SparkFailures.explain("could not start Spark on " + m, e);
        }
        try {
            ClusterStart.awaitExecutors(session.sparkContext());
        } catch (BackendException e) {
            session.stop();
            throw e;
        }
        return session;
    }
}
