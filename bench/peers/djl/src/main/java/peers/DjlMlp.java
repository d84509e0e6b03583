package peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.Arrays;

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
        float lr = (float) w.lr(0.1);
        Djl.configure(w);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w1 = Djl.uniform(manager, 784, new Shape(784, 256));
            NDArray b1 = Djl.uniform(manager, 784, new Shape(256));
            NDArray w2 = Djl.uniform(manager, 256, new Shape(256, 10));
            NDArray b2 = Djl.uniform(manager, 256, new Shape(10));
            NDArray[] params = {w1, b1, w2, b2};
            TrainLoop.run(w, "djl-pytorch", Workload.MLP_FLOPS_PER_SAMPLE, new TrainLoop.Model() {
                @Override
                public double step(float[] images, int[] labels, int m) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(FloatBuffer.wrap(images, 0, m * 784), new Shape(m, 784));
                        NDArray onehot = step.create(Arrays.copyOf(labels, m)).oneHot(10);
                        float loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.zeroGradients();
                            NDArray h = Activation.relu(x.matMul(w1).add(b1));
                            NDArray logp = h.matMul(w2).add(b2).logSoftmax(1);
                            NDArray l = logp.mul(onehot).sum().neg().div(m);
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        for (NDArray p : params) {
                            try (NDArray g = p.getGradient(); NDArray u = g.mul(lr)) {
                                p.subi(u);
                            }
                        }
                        return loss;
                    }
                }

                @Override
                public long[] predict(float[] images, int from, int m) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(FloatBuffer.wrap(images, from * 784, m * 784), new Shape(m, 784));
                        return Activation.relu(x.matMul(w1).add(b1)).matMul(w2).add(b2).argMax(1).toLongArray();
                    }
                }
            });
        }
    }
}
