package peers;

import java.io.IOException;
import java.util.Random;

/**
 * The loop every peer harness runs around its framework's training step: shuffled batches of Fashion-MNIST
 * for the workload's epochs (the first one untimed when there are two or more), then the test accuracy, and
 * the JSON line of {@link Workload#resultJson} on standard output. Each epoch's wall time goes to standard
 * error, for sizing runs.
 */
final class TrainLoop {
    /** Pixels per image (28 x 28), one row of the image arrays. */
    static final int PIXELS = 784;
    /** Test images per prediction call: all 10,000 activations at once would take a GiB in some peers. */
    private static final int TEST_CHUNK = 1000;

    /** A peer framework's model and its training step. */
    interface Model {
        /**
         * Trains on one batch: {@code m} images, the first {@code m} rows of {@code images}, with classes
         * {@code labels[0..m)}; returns the batch loss.
         */
        double step(float[] images, int[] labels, int m);

        /** The predicted classes of the {@code m} images in rows {@code from..from+m} of {@code images}. */
        long[] predict(float[] images, int from, int m);
    }

    private TrainLoop() {
    }

    /** Trains {@code model} on the workload and prints the result line of {@code system}. */
    static void run(Workload w, String system, double flopsPerSample, Model model) throws IOException {
        float[] trainX = w.trainImages();
        int[] trainY = w.trainLabels();
        float[] testX = w.testImages();
        int[] testY = w.testLabels();
        int n = trainY.length;
        int batch = w.batch();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rng = new Random(42);
        float[] xs = new float[batch * PIXELS];
        int[] ys = new int[batch];
        long samples = 0;
        double loss = Double.NaN;
        long start = System.nanoTime();
        for (int e = 0; e < w.epochs(); e++) {
            if (e == 1) { // steady state: the first epoch is warm-up, excluded when there are two or more
                start = System.nanoTime();
                samples = 0;
            }
            long epochStart = System.nanoTime();
            shuffle(order, rng);
            for (int from = 0; from < n; from += batch) {
                int m = Math.min(batch, n - from);
                for (int r = 0; r < m; r++) {
                    System.arraycopy(trainX, order[from + r] * PIXELS, xs, r * PIXELS, PIXELS);
                    ys[r] = trainY[order[from + r]];
                }
                loss = model.step(xs, ys, m);
                samples += m;
            }
            System.err.printf(java.util.Locale.ROOT, "%s epoch %d: %.1f s%n", system, e + 1,
                    (System.nanoTime() - epochStart) / 1e9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int correct = 0;
        for (int from = 0; from < testY.length; from += TEST_CHUNK) {
            int m = Math.min(TEST_CHUNK, testY.length - from);
            long[] predicted = model.predict(testX, from, m);
            for (int r = 0; r < m; r++) {
                correct += predicted[r] == testY[from + r] ? 1 : 0;
            }
        }
        System.out.println(w.resultJson(system, samples, seconds, flopsPerSample, (double) correct / testY.length, loss));
    }

    /** Fisher-Yates shuffle of the sample order (a new permutation each epoch). */
    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
