package org.backprop4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.NonFiniteCheck;

/**
 * What the trainer's NaN/Inf check costs per step, in CPU time (a loaded machine's wall clock is noise):
 * the workload's step (MLP 784-256-10, batch 128, float32, 1 kernel thread so that the calling thread
 * does all the work) with the optimiser update taken three ways, interleaved round by round: bare
 * {@code step()} (no check), the session-4 check (a scan of every parameter and gradient, then
 * {@code step()}) and the check that rides on the update ({@code stepIfFinite()}). Prints the median
 * microseconds of CPU time per whole step and per update alone, for SGD (lr 0.1) and Adam (lr 1e-3).
 *
 * <pre>{@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.backprop4j.bench.NanCheckCost [rounds]}</pre>
 */
public final class NanCheckCost {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String[] MODES = {"bare", "scan+step", "stepIfFinite"};

    private NanCheckCost() {
    }

    /**
     * Runs the measurement and prints one line per optimiser and way.
     *
     * @param args the number of measured rounds (default 15)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Kernels.setThreads(1);
        for (String optimizer : new String[]{"sgd", "adam"}) {
            Sequential model = Mlp.of(784, new int[]{256}, 10, "relu", 0, new Rng(1), DType.FLOAT32);
            Optimizer opt = optimizer.equals("adam") ? Adam.builder(model.parameters()).lr(1e-3).build()
                    : SGD.builder(model.parameters()).lr(0.1).build();
            Map<String, Tensor> named = model.namedParameters();
            CrossEntropyLoss ce = new CrossEntropyLoss();
            SplittableRandom r = new SplittableRandom(2);
            float[] xs = new float[128 * 784];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) r.nextDouble();
            }
            Tensor x = Tensor.wrap(NDArray.wrap(xs, 128, 784));
            int[] y = new int[128];
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(10);
            }
            Workspace workspace = new Workspace();
            double[][] step = new double[MODES.length][rounds];
            double[][] update = new double[MODES.length][rounds];
            for (int round = -3; round < rounds; round++) { // three rounds of warm-up
                for (int mode = 0; mode < MODES.length; mode++) {
                    int n = 300;
                    long t0 = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        opt.zeroGrad();
                        try (Workspace ws = workspace.begin()) {
                            ce.apply(model.forward(x), y).backward();
                        }
                        update(mode, opt, named);
                    }
                    long t1 = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        update(mode, opt, named); // the gradients of the last step stay in place
                    }
                    long t2 = CPU.getCurrentThreadCpuTime();
                    if (round >= 0) {
                        step[mode][round] = (t1 - t0) / 1e3 / n;
                        update[mode][round] = (t2 - t1) / 1e3 / n;
                    }
                }
            }
            for (int mode = 0; mode < MODES.length; mode++) {
                System.out.printf("%-4s %-13s whole step %7.1f us CPU   update alone %6.1f us CPU   (medians of %d rounds)%n",
                        optimizer, MODES[mode], median(step[mode]), median(update[mode]), rounds);
            }
        }
    }

    private static void update(int mode, Optimizer opt, Map<String, Tensor> named) {
        if (mode == 0) {
            opt.step();
        } else if (mode == 1) {
            if (NonFiniteCheck.gradients(named) != null) {
                throw new IllegalStateException("non-finite");
            }
            opt.step();
        } else if (opt.stepIfFinite() != null) {
            throw new IllegalStateException("non-finite");
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
