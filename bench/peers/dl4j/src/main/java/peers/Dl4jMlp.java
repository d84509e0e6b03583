package peers;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The benchmark workload on Deeplearning4j: MLP 784-256 (ReLU) -10, softmax + MCXENT, plain SGD,
 * float32. Threads come from OMP_NUM_THREADS (set by bench/peers/run). Prints one JSON line.
 * Arguments: --threads N (reported only) --epochs N --batch-size N --lr X --data DIR.
 */
public final class Dl4jMlp {
    private Dl4jMlp() {
    }

    /** Runs the workload. */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.parse(args);
        int epochs = w.epochs();
        int batch = w.batch();
        double lr = w.lr(0.1);
        float[] trainX = w.trainImages();
        int[] trainY = w.trainLabels();
        float[] testX = w.testImages();
        int[] testY = w.testLabels();
        int n = trainY.length;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Sgd(lr))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random rng = new Random(42);
        int[] order = Workload.identityOrder(n);
        long samples = 0;
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            if (e == 1) { // steady state: the first epoch is warm-up, excluded when there are two or more
                start = System.nanoTime();
                samples = 0;
            }
            Workload.shuffle(order, rng);
            for (int from = 0; from < n; from += batch) {
                int m = Math.min(batch, n - from);
                float[] xs = new float[m * 784];
                float[] ys = new float[m * 10];
                for (int r = 0; r < m; r++) {
                    System.arraycopy(trainX, order[from + r] * 784, xs, r * 784, 784);
                    ys[r * 10 + trainY[order[from + r]]] = 1f;
                }
                INDArray x = Nd4j.create(xs, new long[]{m, 784}, 'c');
                INDArray y = Nd4j.create(ys, new long[]{m, 10}, 'c');
                net.fit(new DataSet(x, y));
                samples += m;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        INDArray pred = net.output(Nd4j.create(testX, new long[]{testY.length, 784}, 'c')).argMax(1);
        int correct = 0;
        for (int r = 0; r < testY.length; r++) {
            correct += pred.getInt(r) == testY[r] ? 1 : 0;
        }
        System.out.println(w.resultJson("dl4j", samples, seconds, Workload.MLP_FLOPS_PER_SAMPLE,
                (double) correct / testY.length, net.score()));
    }
}
