package peers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
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
        double lr = w.lr(0.1);
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
        TrainLoop.run(w, "dl4j", Workload.MLP_FLOPS_PER_SAMPLE, Dl4j.model(net));
    }
}
