package org.backprop4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.backprop4j.train.BackendException;

/**
 * Bounded waits around the start of a cluster session, so that a master that cannot be reached or
 * executors that do not start fail in seconds with one line, instead of Spark's minute of retries
 * followed by errors from a stopped context.
 */
final class ClusterStart {
    /** The Spark setting that bounds the wait for executors (default 120s), e.g. {@code -Dspark.backprop4j.executorWait=2m}. */
    static final String EXECUTOR_WAIT = "spark.backprop4j.executorWait";
    private static final int CONNECT_MILLIS = 5000;
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,.*\\]");

    private ClusterStart() {
    }

    /** For a {@code spark://HOST:PORT[,HOST:PORT...]} master, fails unless one of them accepts a connection. */
    static void checkReachable(String master) {
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            return;
        }
        String problem = "";
        for (String hostPort : m.group(1).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new BackendException("--spark " + master + ": '" + hostPort + "' is not HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        CONNECT_MILLIS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                problem = hostPort + ": " + e.getMessage();
            }
        }
        throw new BackendException("cannot reach the Spark master " + master + " (" + problem + ")");
    }

    /**
     * Waits until the executors have registered: all N of {@code local-cluster[N,...]}, at least one for
     * other cluster masters, nothing for {@code local[...]}. Fails when the wait ({@link #EXECUTOR_WAIT})
     * ends first or the cluster manager stops the application (as it does after repeated failed starts).
     */
    static void awaitExecutors(SparkContext sc) {
        String master = sc.master();
        if (master.startsWith("local[") || master.equals("local")) {
            return;
        }
        Matcher m = LOCAL_CLUSTER.matcher(master);
        int wanted = m.matches() ? Integer.parseInt(m.group(1)) : 1;
        long waitSeconds = sc.getConf().getTimeAsSeconds(EXECUTOR_WAIT, "120s");
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (!sc.isStopped() && executors(sc) < wanted && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("interrupted while waiting for the Spark executors", e);
            }
        }
        String logs = master.startsWith("local-cluster") ? " (their logs: $SPARK_HOME/work)" : " (see the workers' logs)";
        if (sc.isStopped()) {
            throw new BackendException("the Spark executors could not start: the master " + master
                    + " ended the application" + logs);
        }
        if (executors(sc) < wanted) {
            throw new BackendException(executors(sc) + " of " + wanted + " Spark executors registered within "
                    + waitSeconds + " s (" + EXECUTOR_WAIT + ") on " + master + logs);
        }
    }

    /** The executors registered now, the driver not counted. */
    private static int executors(SparkContext sc) {
        return Math.max(0, sc.statusTracker().getExecutorInfos().length - 1);
    }
}
