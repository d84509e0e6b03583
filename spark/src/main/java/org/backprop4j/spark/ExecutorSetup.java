package org.backprop4j.spark;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.backprop4j.train.BackendException;
import org.backprop4j.train.Trainer;

/**
 * What executors in other JVMs need from the driver, added to the settings of a cluster master
 * (anything but {@code local[...]}) unless the user set them:
 * <ul>
 *   <li>backprop4j's classes: for {@code local-cluster[...]} (executors on this machine) the driver's own
 *       jars or class directories on the executors' class path ({@code spark.executor.extraClassPath});
 *       for other masters the jars shipped with {@code spark.jars} (spark-submit's {@code --jars} sets it);</li>
 *   <li>the JVM flags: {@code --add-modules=jdk.incubator.vector} (else the executors run the plain
 *       kernels, about 1.4x slower), the driver's {@code --add-opens} (the JDK 17 list of
 *       {@code spark/conf/jdk17-opens.args}) and its {@code -Dbackprop4j.*} settings;</li>
 *   <li>for {@code local-cluster[...]}, whose workers run in this JVM and start executors from
 *       {@code $SPARK_HOME/jars}: a check that SPARK_HOME holds them, and the Scala version Spark's
 *       launcher asks for ({@code SPARK_SCALA_VERSION}).</li>
 * </ul>
 */
final class ExecutorSetup {
    private ExecutorSetup() {
    }

    /** Adds the settings above to {@code conf} for {@code master}; {@code sparkHome} is SPARK_HOME (may be null). */
    static void configure(SparkConf conf, String master, String sparkHome) {
        boolean sameMachine = master.startsWith("local-cluster");
        List<Path> code = codeLocations();
        if (sameMachine) {
            checkSparkHome(sparkHome, master);
            append(conf, "spark.executor.extraClassPath", File.pathSeparator, join(code, File.pathSeparator));
            conf.setIfMissing("spark.executorEnv.SPARK_SCALA_VERSION", scalaBinaryVersion());
        } else if (!conf.contains("spark.jars")) {
            for (Path p : code) {
                if (Files.isDirectory(p)) {
                    throw new BackendException("backprop4j's classes are in the directory " + p + ", which cannot be"
                            + " shipped to " + master + "; build the jars (mvn package) or use spark-submit --jars");
                }
            }
            conf.set("spark.jars", join(code, ","));
        }
        append(conf, "spark.executor.extraJavaOptions", " ", String.join(" ", executorJvmFlags()));
    }

    /** The jars or class directories holding backprop4j's core and spark classes (one jar may hold both). */
    static List<Path> codeLocations() {
        Set<Path> out = new LinkedHashSet<>();
        for (Class<?> c : List.of(Trainer.class, ExecutorSetup.class)) {
            try {
                out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | NullPointerException e) {
                throw new BackendException("cannot tell where the class " + c.getName() + " was loaded from", e);
            }
        }
        return new ArrayList<>(out);
    }

    /** The executors' JVM flags: the Vector API module, the driver's --add-opens and -Dbackprop4j.* settings. */
    static List<String> executorJvmFlags() {
        List<String> flags = new ArrayList<>();
        flags.add("--add-modules=jdk.incubator.vector");
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--add-opens=")) {
                flags.add(a);
            } else if (a.equals("--add-opens") && i + 1 < args.size()) {
                flags.add("--add-opens=" + args.get(++i));
            }
        }
        Map<String, String> settings = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("backprop4j.")) {
                settings.put(k.toString(), v.toString());
            }
        });
        settings.forEach((k, v) -> flags.add(quoted("-D" + k + "=" + v)));
        return flags;
    }

    /** Fails in one line unless {@code sparkHome}/jars holds Spark's jars, which local-cluster's executors start from. */
    static void checkSparkHome(String sparkHome, String master) {
        String fix = "; the ./backprop4j launcher sets it to spark/target/spark-home (whose jars/ is spark/target/lib)";
        if (sparkHome == null || sparkHome.isBlank()) {
            throw new BackendException("--spark " + master + " starts executors from $SPARK_HOME/jars, but SPARK_HOME"
                    + " is not set" + fix);
        }
        Path jars = Path.of(sparkHome, "jars");
        boolean hasSpark;
        try (var files = Files.list(jars)) {
            hasSpark = files.anyMatch(p -> p.getFileName().toString().startsWith("spark-core_"));
        } catch (java.io.IOException e) {
            hasSpark = false;
        }
        if (!hasSpark) {
            throw new BackendException("--spark " + master + " starts executors from $SPARK_HOME/jars, but " + jars
                    + " holds no spark-core jar" + fix);
        }
    }

    /** The Scala binary version of the Spark on the class path, such as 2.13. */
    static String scalaBinaryVersion() {
        String full = scala.util.Properties.versionNumberString();
        int second = full.indexOf('.', full.indexOf('.') + 1);
        return second < 0 ? full : full.substring(0, second);
    }

    private static void append(SparkConf conf, String key, String separator, String value) {
        String old = conf.get(key, "");
        conf.set(key, old.isBlank() ? value : old + separator + value);
    }

    private static String join(List<Path> paths, String separator) {
        List<String> s = new ArrayList<>();
        paths.forEach(p -> s.add(p.toString()));
        return String.join(separator, s);
    }

    /** {@code flag} as Spark splits extraJavaOptions: in double quotes when it holds a blank or a quote. */
    private static String quoted(String flag) {
        if (!flag.matches(".*[\\s'\"\\\\].*")) {
            return flag;
        }
        return '"' + flag.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
