package org.backprop4j.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Explaining a weight of a small CNN whose ReLU and max pooling are one fused op gives the numbers of
 * the same CNN with the two ops apart (path count, sum of paths, autodiff, numeric, weight sharing),
 * and the report names the fused op's input a and its ReLU output h, as for a ReLU on its own.
 */
class ReluMaxPoolExplainTest {

    private static Explanation explain(UnaryOperator<Tensor> reluPool) {
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 1, 1, 6, 6);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 2, 1, 3, 3).requiresGrad().named("0.weight");
        Tensor v = Tensor.randn(rng, DType.FLOAT64, 18, 3).requiresGrad().named("1.weight");
        return PathExplainer.standard().explain(() -> new CrossEntropyLoss().apply(
                reluPool.apply(x.conv2d(w, null, 1, 1)).reshape(1, 18).matmul(v), new int[]{2}), w, new int[]{1, 0, 1, 1});
    }

    @Test
    void fusedReluAndMaxPoolingExplainLikeTheTwoOps() {
        Explanation fused = explain(t -> t.reluMaxPool2d(2, 2, 0));
        Explanation apart = explain(t -> t.relu().maxPool2d(2));
        assertThat(fused.pathCount()).isEqualTo(apart.pathCount());
        assertThat(fused.total()).isEqualTo(apart.total());
        assertThat(fused.autodiff()).isEqualTo(apart.autodiff());
        assertThat(fused.numeric()).isEqualTo(apart.numeric());
        assertThat(fused.sharing().onPaths()).isEqualTo(apart.sharing().onPaths());
        assertThat(fused.sharing().sum()).isEqualTo(apart.sharing().sum());
        assertThat(Explanation.relativeDifference(fused.total(), fused.autodiff())).isLessThan(1e-12);
        assertThat(Explanation.relativeDifference(fused.autodiff(), fused.numeric())).isLessThan(1e-6);

        String text = TextReport.of(fused);
        String apartText = TextReport.of(apart);
        assertThat(text).contains("relu'(a) = 1").contains("max pooling: the window's maximum is");
        // the ReLU's input and output keep their names a and h, every line its numbers; only the pool's
        // output is named after the fused op (and the columns widen to fit the longer name)
        assertThat(apartText).contains("maxpool2d1[");
        assertThat(text.replace("relumaxpool2d1", "maxpool2d1").replaceAll(" +", " "))
                .isEqualTo(apartText.replaceAll(" +", " "));
    }
}
