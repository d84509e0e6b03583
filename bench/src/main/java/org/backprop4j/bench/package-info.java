/**
 * JMH benchmarks of backprop4j: the GEMM shapes of the MLP workload and one whole training step.
 * Build with {@code mvn -B -pl bench -am package -DskipTests}; run {@code java -jar bench/target/benchmarks.jar}.
 */
package org.backprop4j.bench;
