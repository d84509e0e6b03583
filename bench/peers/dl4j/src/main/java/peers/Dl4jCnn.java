package peers;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Issue 12's workload C on Deeplearning4j: conv(1-&gt;32, 3x3, padding 1) ReLU maxpool 2, conv(32-&gt;64, 3x3,
 * padding 1) ReLU maxpool 2, linear(3136-&gt;128) ReLU, linear(128-&gt;10) softmax + MCXENT, Adam (lr 1e-3),
 * float32. Threads come from OMP_NUM_THREADS (set by bench/peers/run). Prints one JSON line.
 * Arguments: --threads N (reported only) --epochs N --batch-size N --lr X --data DIR.
 */
public final class Dl4jCnn {
    private Dl4jCnn() {
    }

    /** Runs the workload. */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.parse(args);
        int batch = w.batch();
        float[] trainX = w.trainImages();
        int[] trainY = w.trainLabels();
        float[] testX = w.testImages();
        int[] testY = w.testLabels();
        int n = trainY.length;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(w.lr(1e-3)))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).padding(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).padding(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)) // rows of 784 pixels; flatten is implied
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random rng = new Random(42);
        int[] order = Workload.identityOrder(n);
        long samples = 0;
        long start = System.nanoTime();
        for (int e = 0; e < w.epochs(); e++) {
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
                net.fit(new DataSet(Nd4j.create(xs, new long[]{m, 784}, 'c'), Nd4j.create(ys, new long[]{m, 10}, 'c')));
                samples += m;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int correct = 0;
        for (int from = 0; from < testY.length; from += 1000) { // in chunks: all test activations would take a GiB
            int m = Math.min(1000, testY.length - from);
            float[] xs = new float[m * 784];
            System.arraycopy(testX, from * 784, xs, 0, m * 784);
            INDArray pred = net.output(Nd4j.create(xs, new long[]{m, 784}, 'c')).argMax(1);
            for (int r = 0; r < m; r++) {
                correct += pred.getInt(r) == testY[from + r] ? 1 : 0;
            }
        }
        System.out.println(w.resultJson("dl4j", samples, seconds, Workload.CNN_FLOPS_PER_SAMPLE,
                (double) correct / testY.length, net.score()));
    }
}
