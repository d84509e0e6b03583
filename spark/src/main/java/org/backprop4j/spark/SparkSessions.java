package org.backprop4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session: embedded in this JVM for a {@code local[...]} master (no cluster, no
 * web UI), or attached to the cluster that {@code spark-submit} configured.
 */
public final class SparkSessions {
    /** The master used when none is given and spark-submit set none: all local cores. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * The session for {@code master} (e.g. {@code local[2]}, {@code spark://host:7077}, {@code yarn});
     * null or empty means the master spark-submit set ({@code spark.master}), else {@link #DEFAULT_MASTER}.
     */
    public static SparkSession start(String master) {
        String m = master == null || master.isBlank() ? System.getProperty("spark.master", DEFAULT_MASTER) : master;
        SparkSession.Builder b = SparkSession.builder().appName("backprop4j").master(m)
                .config("spark.ui.showConsoleProgress", "false");
        if (m.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4");
        }
        return b.getOrCreate();
    }
}
