package org.backprop4j.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backprop4j.kernel.Elementwise;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.data.IdxArray;
import org.backprop4j.data.IdxDatasets;
import org.backprop4j.data.IdxReader;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backprop4j bench}: trains the benchmark workload (Fashion-MNIST, MLP 784-256 ReLU -10,
 * softmax cross-entropy, plain SGD, float32) and prints, last, one JSON line with the throughput.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Train the benchmark workload (Fashion-MNIST MLP 784-256-10, SGD) and print one JSON line of results.",
            "samples_per_second is steady state: with two or more epochs the first (JIT warm-up) is not timed."},
        footer = {"", "Examples:",
            "  backprop4j bench --threads 1",
            "  backprop4j bench --threads 2 --epochs 5 --batch-size 128"})
public final class BenchCommand implements Callable<Integer> {
    /** GEMM floating-point operations per training sample of the 784-256-10 MLP (forward, dW1, dW2, dx2). */
    static final double FLOPS_PER_SAMPLE = 2.0 * (784 * 256 + 256 * 10) + 2.0 * 784 * 256 + 2.0 * 2 * 256 * 10;

    @Option(names = "--data-dir", description = "Directory with the Fashion-MNIST IDX files (default: "
            + "/usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--threads", description = "Kernel threads (default: available processors).")
    Integer threads;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}; the first is warm-up, not timed).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.1", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the initialisation and the shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kernels", description = "Kernel set: vector or plain (default: vector when available).")
    String kernels;

    @Override
    public Integer call() {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("--epochs and --batch-size must be at least 1");
        }
        Threads.configure(threads);
        if (kernels != null) {
            Kernels.use(kernels);
        }
        // the pixels stay bytes (47 MB, not 188 MB of floats) and are scaled as each batch is filled
        Path dir = dataDir == null ? IdxDatasets.FASHION_MNIST_DIR : dataDir;
        IdxArray trainImages = IdxReader.read(IdxDatasets.fashionMnistFile(dir, "train-images-idx3-ubyte"));
        IdxArray testImages = IdxReader.read(IdxDatasets.fashionMnistFile(dir, "t10k-images-idx3-ubyte"));
        byte[] trainX = trainImages.values();
        int nTrain = trainImages.count();
        int features = trainImages.itemSize();
        int[] trainY = labels(IdxReader.read(IdxDatasets.fashionMnistFile(dir, "train-labels-idx1-ubyte")), nTrain);
        byte[] testX = testImages.values();
        int[] testY = labels(IdxReader.read(IdxDatasets.fashionMnistFile(dir, "t10k-labels-idx1-ubyte")),
                testImages.count());

        Rng rng = new Rng(seed);
        Sequential model = Mlp.of(features, new int[]{256}, 10, "relu", 0, rng, DType.FLOAT32);
        SGD sgd = SGD.builder(model.parameters()).lr(lr).build();
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Workspace workspace = new Workspace();
        // batch buffers reused every step (a smaller pair for the last batch of an epoch)
        BatchBuffer full = new BatchBuffer(batchSize, features);
        BatchBuffer tail = nTrain % batchSize == 0 ? null : new BatchBuffer(nTrain % batchSize, features);
        int[] order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            order[i] = i;
        }
        Rng shuffle = new Rng(seed + 1);
        double firstStepSeconds = -1;
        double firstStepDoneSeconds = -1;
        double lastLoss = Double.NaN;
        double[] epochSeconds = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            long epochStart = System.nanoTime();
            shuffle.shuffle(order);
            for (int from = 0; from < nTrain; from += batchSize) {
                if (firstStepSeconds < 0) { // the first step starts here: its batch assembly is part of it
                    firstStepSeconds = secondsSinceJvmStart();
                }
                BatchBuffer b = from + batchSize <= nTrain ? full : tail;
                b.fill(trainX, trainY, order, from, features);
                sgd.zeroGrad();
                try (Workspace ws = workspace.begin()) {
                    Tensor loss = ce.apply(model.forward(b.x), b.y);
                    loss.backward();
                    lastLoss = loss.item();
                }
                sgd.step();
                if (firstStepDoneSeconds < 0) {
                    firstStepDoneSeconds = secondsSinceJvmStart();
                }
            }
            epochSeconds[epoch] = (System.nanoTime() - epochStart) / 1e9;
        }
        double accuracy = accuracy(model, testX, testY, features);
        // steady state: with two or more epochs the first (JIT warm-up) is not counted
        int timed = epochs > 1 ? epochs - 1 : 1;
        double trainSeconds = Arrays.stream(epochSeconds, epochs - timed, epochs).sum();
        double samplesPerSecond = timed * (double) nTrain / trainSeconds;
        double[] epochRates = Arrays.stream(epochSeconds).map(t -> nTrain / t).toArray();
        System.out.println(String.format(Locale.ROOT,
                "{\"system\":\"backprop4j\",\"kernels\":\"%s\",\"threads\":%d,\"epochs\":%d,\"batch_size\":%d,"
                        + "\"samples_per_second\":%.1f,\"epoch_samples_per_second\":%s,"
                        + "\"gflops\":%.2f,\"peak_heap_mib\":%.1f,\"peak_rss_mib\":%.1f,"
                        + "\"test_accuracy\":%.4f,\"final_loss\":%.6f,\"train_seconds\":%.3f,\"first_step_seconds\":%.3f,"
                        + "\"first_step_done_seconds\":%.3f}",
                Kernels.implementation(), Kernels.threads(), epochs, batchSize, samplesPerSecond,
                jsonArray(epochRates), samplesPerSecond * FLOPS_PER_SAMPLE / 1e9, peakHeapMiB(), peakRssMiB(), accuracy,
                lastLoss, trainSeconds, firstStepSeconds, firstStepDoneSeconds));
        return 0;
    }

    private static double secondsSinceJvmStart() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
    }

    private static String jsonArray(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", values[i]));
        }
        return sb.append(']').toString();
    }

    /** The class indices of an IDX label file, which must hold {@code n} of them. */
    private static int[] labels(IdxArray file, int n) {
        if (file.count() != n || file.itemSize() != 1) {
            throw new IllegalArgumentException("label file has dimensions " + java.util.Arrays.toString(file.dims())
                    + " for " + n + " images");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = file.unsigned(i);
        }
        return y;
    }

    private static double accuracy(Sequential model, byte[] x, int[] y, int features) {
        model.eval();
        int correct = 0;
        int chunk = 1000;
        try (var g = Grad.disabled()) {
            for (int from = 0; from < y.length; from += chunk) {
                int n = Math.min(chunk, y.length - from);
                float[] part = new float[n * features];
                for (int i = 0; i < part.length; i++) {
                    part[i] = (x[from * features + i] & 0xff) / 255f;
                }
                int[] pred = model.forward(Tensor.wrap(NDArray.wrap(part, n, features))).argmax(1);
                for (int i = 0; i < n; i++) {
                    correct += pred[i] == y[from + i] ? 1 : 0;
                }
            }
        }
        model.train();
        return (double) correct / y.length;
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

    /** One minibatch's input tensor and labels, filled in place each step. */
    private static final class BatchBuffer {
        final Tensor x;
        final int[] y;
        private final float[] xs;

        BatchBuffer(int rows, int features) {
            xs = new float[rows * features];
            x = Tensor.wrap(NDArray.wrap(xs, rows, features));
            y = new int[rows];
        }

        /** Copies the samples order[from..] in, pixels scaled to [0, 1] ({@code v / 255f}). */
        void fill(byte[] allX, int[] allY, int[] order, int from, int features) {
            Elementwise.unsignedByteRows(allX, features, order, from, y.length, 255f, xs);
            for (int i = 0; i < y.length; i++) {
                y[i] = allY[order[from + i]];
            }
        }
    }
}
