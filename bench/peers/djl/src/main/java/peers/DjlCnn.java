package peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Issue 12's workload C on DJL + PyTorch: conv(1-&gt;32, 3x3, padding 1) ReLU maxpool 2, conv(32-&gt;64, 3x3,
 * padding 1) ReLU maxpool 2, flatten, linear(3136-&gt;128) ReLU, linear(128-&gt;10), softmax cross-entropy,
 * Adam (lr 1e-3), float32, with raw NDArrays (PyTorch's functional ops), a GradientCollector and DJL's
 * Adam (PyTorch's fused update). Parameters start as PyTorch's defaults, U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 * Prints one JSON line. Arguments: --threads N --epochs N --batch-size N --lr X --data DIR.
 */
public final class DjlCnn {
    private DjlCnn() {
    }

    /** Runs the workload. */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.parse(args);
        int batch = w.batch();
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(w.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        float[] trainX = w.trainImages();
        int[] trainY = w.trainLabels();
        float[] testX = w.testImages();
        int[] testY = w.testLabels();
        int n = trainY.length;
        Random rng = new Random(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] params = {
                uniform(manager, 9, new Shape(32, 1, 3, 3)), uniform(manager, 9, new Shape(32)),
                uniform(manager, 288, new Shape(64, 32, 3, 3)), uniform(manager, 288, new Shape(64)),
                uniform(manager, 3136, new Shape(128, 3136)), uniform(manager, 3136, new Shape(128)),
                uniform(manager, 128, new Shape(10, 128)), uniform(manager, 128, new Shape(10)),
            };
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) w.lr(1e-3))).build();
            int[] order = Workload.identityOrder(n);
            float[] xs = new float[batch * 784];
            long samples = 0;
            float lastLoss = Float.NaN;
            long start = System.nanoTime();
            for (int e = 0; e < w.epochs(); e++) {
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
                        NDArray x = step.create(FloatBuffer.wrap(xs, 0, m * 784), new Shape(m, 1, 28, 28));
                        NDArray onehot = step.create(ys).oneHot(10);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.zeroGradients();
                            NDArray loss = forward(x, params).logSoftmax(1).mul(onehot).sum().neg().div(m);
                            gc.backward(loss);
                            lastLoss = loss.getFloat();
                        }
                        for (int i = 0; i < params.length; i++) {
                            try (NDArray g = params[i].getGradient()) {
                                adam.update(String.valueOf(i), params[i], g);
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
                    NDArray x = step.create(FloatBuffer.wrap(testX, from * 784, m * 784), new Shape(m, 1, 28, 28));
                    long[] pred = forward(x, params).argMax(1).toLongArray();
                    for (int r = 0; r < m; r++) {
                        correct += pred[r] == testY[from + r] ? 1 : 0;
                    }
                }
            }
            System.out.println(w.resultJson("djl-pytorch", samples, seconds, Workload.CNN_FLOPS_PER_SAMPLE,
                    (double) correct / testY.length, lastLoss));
        }
    }

    /** The logits [m, 10] of images x [m, 1, 28, 28]. */
    private static NDArray forward(NDArray x, NDArray[] p) {
        Shape one = new Shape(1, 1);
        Shape two = new Shape(2, 2);
        Shape none = new Shape(0, 0);
        NDArray h = Activation.relu(Conv2d.conv2d(x, p[0], p[1], one, one, one, 1).singletonOrThrow());
        h = Pool.maxPool2d(h, two, two, none, false);
        h = Activation.relu(Conv2d.conv2d(h, p[2], p[3], one, one, one, 1).singletonOrThrow());
        h = Pool.maxPool2d(h, two, two, none, false);
        h = Activation.relu(Linear.linear(h.reshape(h.getShape().get(0), 3136), p[4], p[5]).singletonOrThrow());
        return Linear.linear(h, p[6], p[7]).singletonOrThrow();
    }

    /** PyTorch's default initialisation of a layer's weight and bias: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    private static NDArray uniform(NDManager manager, int fanIn, Shape shape) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        return manager.randomUniform(-bound, bound, shape);
    }
}
