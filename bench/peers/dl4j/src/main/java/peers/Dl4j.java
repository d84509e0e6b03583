package peers;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** What the DL4J harnesses share: a network's training step and prediction on rows of 784 pixels. */
final class Dl4j {
    private Dl4j() {
    }

    /** {@code net} (initialised, input rows of 784 pixels, 10 softmax outputs) as the train loop's model. */
    static TrainLoop.Model model(MultiLayerNetwork net) {
        return new TrainLoop.Model() {
            @Override
            public double step(float[] images, int[] labels, int m) {
                float[] onehot = new float[m * 10];
                for (int r = 0; r < m; r++) {
                    onehot[r * 10 + labels[r]] = 1f;
                }
                net.fit(new DataSet(rows(images, 0, m), Nd4j.create(onehot, new long[]{m, 10}, 'c')));
                return net.score();
            }

            @Override
            public long[] predict(float[] images, int from, int m) {
                return net.output(rows(images, from, m)).argMax(1).toLongVector();
            }
        };
    }

    /** Rows {@code from..from+m} of the images as an [m, 784] matrix. */
    private static INDArray rows(float[] images, int from, int m) {
        int px = TrainLoop.PIXELS;
        return Nd4j.create(Arrays.copyOfRange(images, from * px, (from + m) * px), new long[]{m, px}, 'c');
    }
}
