package peers;

import java.nio.file.Path;

/**
 * The benchmark workloads' options, shared by the peer harnesses:
 * {@code --threads N --epochs N --batch-size N --lr X --data DIR}; {@link #lr(double)} gives the learning
 * rate or the harness's default.
 */
record Workload(int threads, int epochs, int batch, double lrOption, Path data) {
    /** GEMM floating-point operations per training sample of the 784-256-10 MLP (forward, dW1, dW2, dx2). */
    static final double MLP_FLOPS_PER_SAMPLE = 2.0 * (784 * 256 + 256 * 10) + 2.0 * 784 * 256 + 2.0 * 2 * 256 * 10;

    /**
     * Floating-point operations per training sample of issue 12's workload C (the CNN): the products of
     * the two convolutions and the two linear layers, three times (forward, weight gradient, input
     * gradient) but for the first convolution's input gradient, which is not needed; about 25 MFLOP.
     */
    static final double CNN_FLOPS_PER_SAMPLE = 2 * (2.0 * 28 * 28 * 32 * 9)
            + 3 * (2.0 * 14 * 14 * 64 * 32 * 9 + 2.0 * 3136 * 128 + 2.0 * 128 * 10);

    /** Parses the command-line options (defaults: all processors, 5 epochs (the first untimed), batch 128, Debian's Fashion-MNIST). */
    static Workload parse(String[] args) {
        int threads = Runtime.getRuntime().availableProcessors();
        int epochs = 5;
        int batch = 128;
        double lr = Double.NaN;
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--threads": threads = Integer.parseInt(args[i + 1]); break;
                case "--epochs": epochs = Integer.parseInt(args[i + 1]); break;
                case "--batch-size": batch = Integer.parseInt(args[i + 1]); break;
                case "--lr": lr = Double.parseDouble(args[i + 1]); break;
                case "--data": data = Path.of(args[i + 1]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Workload(threads, epochs, batch, lr, data);
    }

    /** The learning rate of --lr, or {@code dflt} without it. */
    double lr(double dflt) {
        return Double.isNaN(lrOption) ? dflt : lrOption;
    }

    /** The JSON line every harness prints last: the steady rate, its GFLOP/s, peak RSS, test accuracy and final loss. */
    String resultJson(String system, long samples, double seconds, double flopsPerSample, double accuracy, double loss) {
        double sps = samples / seconds;
        return String.format(java.util.Locale.ROOT,
                "{\"system\":\"%s\",\"threads\":%d,\"epochs\":%d,\"batch_size\":%d,\"samples_per_second\":%.1f,"
                        + "\"gflops\":%.2f,\"peak_rss_mib\":%.1f,\"test_accuracy\":%.4f,\"final_loss\":%.6f,\"train_seconds\":%.3f}",
                system, threads, epochs, batch, sps, sps * flopsPerSample / 1e9, Idx.peakRssMiB(), accuracy, loss, seconds);
    }

    float[] trainImages() throws java.io.IOException {
        return Idx.images(data, "train-images-idx3-ubyte");
    }

    int[] trainLabels() throws java.io.IOException {
        return Idx.labels(data, "train-labels-idx1-ubyte");
    }

    float[] testImages() throws java.io.IOException {
        return Idx.images(data, "t10k-images-idx3-ubyte");
    }

    int[] testLabels() throws java.io.IOException {
        return Idx.labels(data, "t10k-labels-idx1-ubyte");
    }
}
