package peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.Random;

/**
 * The benchmark workload on DJL + PyTorch: MLP 784-256 (ReLU) -10, softmax cross-entropy, plain SGD,
 * float32, written with raw NDArrays and a GradientCollector. Prints one JSON line.
 * Arguments: --threads N --epochs N --batch-size N --lr X --data DIR.
 */
public final class DjlMlp {
    private DjlMlp() {
    }

    /** Runs the workload. */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.parse(args);
        int threads = w.threads();
        int epochs = w.epochs();
        int batch = w.batch();
        float lr = (float) w.lr(0.1);
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        float[] trainX = w.trainImages();
        int[] trainY = w.trainLabels();
        float[] testX = w.testImages();
        int[] testY = w.testLabels();
        int n = trainY.length;
        Random rng = new Random(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            float b1v = (float) (1 / Math.sqrt(784));
            float b2v = (float) (1 / Math.sqrt(256));
            NDArray w1 = manager.randomUniform(-b1v, b1v, new Shape(784, 256));
            NDArray b1 = manager.randomUniform(-b1v, b1v, new Shape(256));
            NDArray w2 = manager.randomUniform(-b2v, b2v, new Shape(256, 10));
            NDArray b2 = manager.randomUniform(-b2v, b2v, new Shape(10));
            NDArray[] params = {w1, b1, w2, b2};
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            int[] order = Workload.identityOrder(n);
            float[] xs = new float[batch * 784];
            long samples = 0;
            float lastLoss = Float.NaN;
            long start = System.nanoTime();
            for (int e = 0; e < epochs; e++) {
                if (e == 1) { // steady state: the first epoch is warm-up, excluded when there are two or more
                    start = System.nanoTime();
                    samples = 0;
                }
                Workload.shuffle(order, rng);
                for (int from = 0; from < n; from += batch) {
                    int m = Math.min(batch, n - from);
                    int[] ys = new int[m];
                    for (int r = 0; r < m; r++) {
                        System.arraycopy(trainX, order[from + r] * 784, xs, r * 784, 784);
                        ys[r] = trainY[order[from + r]];
                    }
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(java.nio.FloatBuffer.wrap(xs, 0, m * 784), new Shape(m, 784));
                        NDArray onehot = step.create(ys).oneHot(10);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.zeroGradients();
                            NDArray h = Activation.relu(x.matMul(w1).add(b1));
                            NDArray logp = h.matMul(w2).add(b2).logSoftmax(1);
                            NDArray loss = logp.mul(onehot).sum().neg().div(m);
                            gc.backward(loss);
                            lastLoss = loss.getFloat();
                        }
                        for (NDArray p : params) {
                            try (NDArray g = p.getGradient(); NDArray u = g.mul(lr)) {
                                p.subi(u);
                            }
                        }
                    }
                    samples += m;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int correct = 0;
            for (int from = 0; from < testY.length; from += 1000) {
                int m = Math.min(1000, testY.length - from);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(java.nio.FloatBuffer.wrap(testX, from * 784, m * 784), new Shape(m, 784));
                    long[] pred = Activation.relu(x.matMul(w1).add(b1)).matMul(w2).add(b2).argMax(1).toLongArray();
                    for (int r = 0; r < m; r++) {
                        correct += pred[r] == testY[from + r] ? 1 : 0;
                    }
                }
            }
            System.out.println(w.resultJson("djl-pytorch", samples, seconds, Workload.MLP_FLOPS_PER_SAMPLE,
                    (double) correct / testY.length, lastLoss));
        }
    }
}
