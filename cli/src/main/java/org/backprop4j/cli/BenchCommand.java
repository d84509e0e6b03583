package org.backprop4j.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.IdxDatasets;
import org.backprop4j.data.Split;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.LayerList;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.KernelWarmup;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backprop4j bench}: trains a benchmark workload on Fashion-MNIST through {@link Trainer}, the
 * code path of {@code train}, and prints, last, one JSON line with the throughput: the steady rate
 * (epochs 2..) and the whole-run rate (every epoch, the first included).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Train a benchmark workload on Fashion-MNIST (through the trainer of `train`) and print one JSON line of results.",
            "mlp (default): MLP 784-256-10, SGD lr 0.1. cnn: conv(32,3x3) relu maxpool2 conv(64,3x3) relu maxpool2 "
                    + "linear(128) relu linear, Adam lr 1e-3.",
            "samples_per_second is steady state (with two or more epochs the first, JIT warm-up, is not counted); "
                    + "whole_run_samples_per_second counts every epoch and the wait for the warm-up before the first."},
        footer = {"", "Examples:",
            "  backprop4j bench --threads 1",
            "  backprop4j bench --threads 2 --epochs 5 --batch-size 128",
            "  backprop4j bench --arch cnn --epochs 3"})
public final class BenchCommand implements Callable<Integer> {
    /** GEMM floating-point operations per training sample of the 784-256-10 MLP (forward, dW1, dW2, dx2). */
    static final double MLP_FLOPS_PER_SAMPLE = 2.0 * (784 * 256 + 256 * 10) + 2.0 * 784 * 256 + 2.0 * 2 * 256 * 10;

    /** Issue 12's workload C, in the layer language of {@code train --layers}. */
    static final String CNN_LAYERS =
            "conv2d(32,3,padding=1) relu maxpool2d(2) conv2d(64,3,padding=1) relu maxpool2d(2) flatten linear(128) relu linear";

    /**
     * Multiply-add operations x 2 per training sample of {@link #CNN_LAYERS}: the forward products of
     * the two convolutions (28x28x32 outputs of 1x3x3, 14x14x64 of 32x3x3) and the two linear layers
     * (3136-128, 128-10), three times (forward, weight gradient, input gradient) but for the input
     * gradient of the first convolution, which is not computed.
     */
    static final double CNN_FLOPS_PER_SAMPLE;

    static {
        double conv1 = 2.0 * 28 * 28 * 32 * 9;
        double rest = 2.0 * 14 * 14 * 64 * 32 * 9 + 2.0 * 3136 * 128 + 2.0 * 128 * 10;
        CNN_FLOPS_PER_SAMPLE = 2 * conv1 + 3 * rest;
    }

    @Option(names = "--data-dir", description = "Directory with the Fashion-MNIST IDX files (default: "
            + "/usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--arch", defaultValue = "mlp", description = "Workload: mlp or cnn (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--optimizer", description = "sgd, adam or adamw (default: sgd for mlp, adam for cnn).")
    String optimizer;

    @Option(names = "--threads", description = "Kernel threads (default: available processors).")
    Integer threads;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}; the first is warm-up, "
            + "not in samples_per_second).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", description = "Learning rate (default: 0.1 for sgd, 0.001 for adam and adamw).")
    Double lr;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the initialisation and the shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kernels", description = "Kernel set: vector or plain (default: vector when available).")
    String kernels;

    @Override
    public Integer call() {
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.positive("--lr", lr);
        boolean cnn = isCnn();
        String opt = optimizer != null ? optimizer : cnn ? "adam" : "sgd";
        double rate = lr != null ? lr : Optimizers.defaultLr(opt);
        Threads.configure(threads);
        if (kernels != null) {
            Kernels.use(kernels);
        }
        Split data;
        double warmupWaitSeconds;
        // as in train: the run's step compiles while the data loads
        try (KernelWarmup warmup = KernelWarmup.start(cnn ? new int[]{1, 28, 28} : new int[]{28 * 28}, 10, batchSize,
                (shape, classes, r) -> model(cnn, shape, classes, r), params -> Optimizers.create(opt, params, rate, 0, null))) {
            data = scaledPixels(IdxDatasets.fashionMnist(dataDir == null ? IdxDatasets.FASHION_MNIST_DIR : dataDir));
            warmupWaitSeconds = warmup.finish(TrainCommand.WARMUP_WAIT_MILLIS);
        }
        int features = data.train().numFeatures();
        Dataset train = data.train();
        Dataset test = data.test();
        if (cnn && features != 28 * 28) {
            throw new IllegalArgumentException("--arch cnn needs 28x28 images, the data has " + features + " features");
        }

        Rng rng = new Rng(seed);
        Sequential model = model(cnn, cnn ? new int[]{1, 28, 28} : new int[]{features}, train.numClasses(), rng);
        Optimizer optim = Optimizers.create(opt, model.parameters(), rate, 0, null);
        RunClock clock = new RunClock();
        Trainer trainer = Trainer.builder(model, optim).epochs(epochs).listener(clock)
                .listener(TrainingStartEvent.listener()).build();
        DataLoader loader = DataLoader.builder(train).batchSize(batchSize).shuffle(seed + 1).build();
        List<EpochResult> history = trainer.fit(loader, null);
        double accuracy = trainer.evaluate(test).accuracy();

        // steady state: with two or more epochs the first (JIT warm-up) is not counted
        int timed = epochs > 1 ? epochs - 1 : 1;
        double steadySeconds = seconds(history.subList(epochs - timed, epochs));
        double samplesPerSecond = timed * (double) train.size() / steadySeconds;
        double wholeRun = epochs * (double) train.size() / (warmupWaitSeconds + seconds(history)); // the wait before epoch 1 counts
        double flops = cnn ? CNN_FLOPS_PER_SAMPLE : MLP_FLOPS_PER_SAMPLE;
        System.out.println(String.format(Locale.ROOT,
                "{\"system\":\"backprop4j\",\"arch\":\"%s\",\"optimizer\":\"%s\",\"kernels\":\"%s\",\"threads\":%d,"
                        + "\"epochs\":%d,\"batch_size\":%d,"
                        + "\"samples_per_second\":%.1f,\"whole_run_samples_per_second\":%.1f,\"epoch_samples_per_second\":%s,"
                        + "\"gflops\":%.2f,\"peak_heap_mib\":%.1f,\"peak_rss_mib\":%.1f,"
                        + "\"test_accuracy\":%.4f,\"final_loss\":%.6f,\"train_seconds\":%.3f,\"first_step_seconds\":%.3f,"
                        + "\"first_step_done_seconds\":%.3f,\"warmup_wait_seconds\":%.3f}",
                cnn ? "cnn" : "mlp", optim.name(), Kernels.implementation(), Kernels.threads(), epochs, batchSize,
                samplesPerSecond, wholeRun, epochRates(history), samplesPerSecond * flops / 1e9, peakHeapMiB(),
                peakRssMiB(), accuracy, clock.lastLoss, steadySeconds, clock.firstStepSeconds, clock.firstStepDoneSeconds,
                warmupWaitSeconds));
        return 0;
    }

    /** The workload's network for samples of {@code shape}: {@link #CNN_LAYERS} or the MLP 784-256-10 (flat samples). */
    private static Sequential model(boolean cnn, int[] shape, int classes, Rng rng) {
        return cnn ? LayerList.build(CNN_LAYERS, shape, classes, rng, DType.FLOAT32)
                : Mlp.of(shape[0], new int[]{256}, classes, "relu", 0, rng, DType.FLOAT32);
    }

    private boolean isCnn() {
        switch (arch.toLowerCase(Locale.ROOT)) {
            case "mlp":
                return false;
            case "cnn":
                return true;
            default:
                throw new IllegalArgumentException("--arch must be mlp or cnn, got " + arch);
        }
    }

    private static double seconds(List<EpochResult> epochs) {
        return epochs.stream().mapToDouble(EpochResult::seconds).sum();
    }

    private static String epochRates(List<EpochResult> history) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < history.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", history.get(i).samplesPerSecond()));
        }
        return sb.append(']').toString();
    }

    /** When the first step started and ended (seconds since the JVM started) and the last step's loss. */
    private static final class RunClock implements TrainingListener {
        double firstStepSeconds = -1;
        double firstStepDoneSeconds = -1;
        double lastLoss = Double.NaN;

        @Override
        public void onEpochStart(int epoch, int totalEpochs, int samples) {
            if (firstStepSeconds < 0) { // the first step starts here: its batch assembly is part of it
                firstStepSeconds = secondsSinceJvmStart();
            }
        }

        @Override
        public void onBatchEnd(int epoch, int step, int batchSize, double loss, int correct) {
            if (firstStepDoneSeconds < 0) {
                firstStepDoneSeconds = secondsSinceJvmStart();
            }
            lastLoss = loss;
        }

        private static double secondsSinceJvmStart() {
            return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        }
    }

    /**
     * The pixels divided by 255. The unscaled copy (219 MiB for Fashion-MNIST) becomes garbage on return: held
     * in a local variable of the caller it stayed live through training.
     */
    private static Split scaledPixels(Split raw) {
        int features = raw.train().numFeatures();
        return new Split(IdxDatasets.pixelScaler(features).transform(raw.train()),
                IdxDatasets.pixelScaler(features).transform(raw.test()));
    }

    /** Sum of the peak usage of every heap memory pool, in MiB. */
    private static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }

    /** The process's peak resident set (VmHWM of /proc/self/status), in MiB; -1 where unavailable. */
    private static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
