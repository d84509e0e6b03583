package peers;

import java.nio.file.Path;

/**
 * The benchmark workload's options, shared by the peer harnesses:
 * {@code --threads N --epochs N --batch-size N --lr X --data DIR}.
 */
record Workload(int threads, int epochs, int batch, double lr, Path data) {

    /** Parses the command-line options (defaults: all processors, 5 epochs (the first untimed), batch 128, lr 0.1, Debian's Fashion-MNIST). */
    static Workload parse(String[] args) {
        int threads = Runtime.getRuntime().availableProcessors();
        int epochs = 5;
        int batch = 128;
        double lr = 0.1;
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

    /** The sample order 0, 1, ..., n-1, to be shuffled each epoch. */
    static int[] identityOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates shuffle of the sample order (a new permutation each epoch). */
    static void shuffle(int[] order, java.util.Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
