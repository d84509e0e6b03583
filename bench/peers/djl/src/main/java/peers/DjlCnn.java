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
import java.util.Arrays;

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
        Djl.configure(w);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] params = {
                Djl.uniform(manager, 9, new Shape(32, 1, 3, 3)), Djl.uniform(manager, 9, new Shape(32)),
                Djl.uniform(manager, 288, new Shape(64, 32, 3, 3)), Djl.uniform(manager, 288, new Shape(64)),
                Djl.uniform(manager, 3136, new Shape(128, 3136)), Djl.uniform(manager, 3136, new Shape(128)),
                Djl.uniform(manager, 128, new Shape(10, 128)), Djl.uniform(manager, 128, new Shape(10)),
            };
            Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) w.lr(1e-3))).build();
            TrainLoop.run(w, "djl-pytorch", Workload.CNN_FLOPS_PER_SAMPLE, new TrainLoop.Model() {
                @Override
                public double step(float[] images, int[] labels, int m) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(FloatBuffer.wrap(images, 0, m * 784), new Shape(m, 1, 28, 28));
                        NDArray onehot = step.create(Arrays.copyOf(labels, m)).oneHot(10);
                        float loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.zeroGradients();
                            NDArray l = forward(x, params).logSoftmax(1).mul(onehot).sum().neg().div(m);
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        for (int i = 0; i < params.length; i++) {
                            try (NDArray g = params[i].getGradient()) {
                                adam.update(String.valueOf(i), params[i], g);
                            }
                        }
                        return loss;
                    }
                }

                @Override
                public long[] predict(float[] images, int from, int m) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(FloatBuffer.wrap(images, from * 784, m * 784), new Shape(m, 1, 28, 28));
                        return forward(x, params).argMax(1).toLongArray();
                    }
                }
            });
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
}
