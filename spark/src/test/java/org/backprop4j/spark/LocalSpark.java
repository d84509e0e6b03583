package org.backprop4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One embedded local[2] Spark session shared by all tests of this JVM (starting one takes seconds). */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    /** The shared session, started on first use. */
    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.start("local[2]");
        }
        return session;
    }

    /** The shared session's Java context. */
    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
