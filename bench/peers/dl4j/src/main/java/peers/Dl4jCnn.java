package peers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
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
        TrainLoop.run(w, "dl4j", Workload.CNN_FLOPS_PER_SAMPLE, Dl4j.model(net));
    }
}
