package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.backprop4j.optim.Adam;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Sequential} runs (ReLU, MaxPool2d) as one fused op: a few Adam steps of a small CNN give
 * bit-identical losses and parameters with fusion on and off, in float32 and float64, with both
 * kernel sets; and the module list (names, indices) is the same either way.
 */
class ReluMaxPoolFusionTest {

    static java.util.stream.Stream<String> kernelSets() {
        return Kernels.vectorAvailable() ? java.util.stream.Stream.of("plain", "vector")
                : java.util.stream.Stream.of("plain");
    }

    /** The losses of 4 steps, then every parameter value. */
    private static List<Double> train(boolean fuse, DType dtype) {
        boolean before = Sequential.fuse;
        Sequential.fuse = fuse;
        try {
            Rng rng = new Rng(7);
            Sequential model = new Sequential(
                    Conv2d.builder(1, 6, 3).padding(1).rng(rng).build(), new ReLU(), new MaxPool2d(2),
                    Conv2d.builder(6, 8, 3).padding(1).rng(rng).build(), new ReLU(), new MaxPool2d(3, 2, 1),
                    new Flatten(), new Linear(8 * 4 * 4, 5, rng)).to(dtype);
            Adam adam = Adam.builder(model.parameters()).lr(1e-2).build();
            CrossEntropyLoss ce = new CrossEntropyLoss();
            Tensor x = Tensor.uniform(new Rng(8), dtype, -1, 1, 16, 1, 14, 14);
            int[] y = new int[16];
            for (int i = 0; i < y.length; i++) {
                y[i] = i % 5;
            }
            Workspace workspace = new Workspace();
            List<Double> out = new ArrayList<>();
            for (int step = 0; step < 4; step++) {
                adam.zeroGrad();
                try (Workspace ws = workspace.begin()) {
                    Tensor loss = ce.apply(model.forward(x), y);
                    loss.backward();
                    out.add(loss.item());
                }
                adam.step();
            }
            for (Tensor p : model.parameters()) {
                for (double v : p.toDoubleArray()) {
                    out.add(v);
                }
            }
            return out;
        } finally {
            Sequential.fuse = before;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelSets")
    void trainingIsBitIdenticalWithAndWithoutFusion(String set) {
        String before = Kernels.implementation();
        Kernels.use(set);
        try {
            for (DType dtype : DType.values()) {
                List<Double> fused = train(true, dtype);
                List<Double> apart = train(false, dtype);
                assertThat(fused).as(set + " " + dtype).isEqualTo(apart);
                assertThat(fused.get(3)).as("the loss goes down").isLessThan(fused.get(0));
            }
        } finally {
            Kernels.use(before);
        }
    }

    @org.junit.jupiter.api.Test
    void fusedForwardRecordsOneOpAndKeepsTheModuleNames() {
        Rng rng = new Rng(1);
        Sequential model = new Sequential(Conv2d.builder(1, 2, 3).rng(rng).build(), new ReLU(), new MaxPool2d(2));
        Tensor out = model.forward(Tensor.uniform(rng, DType.FLOAT32, -1, 1, 1, 1, 6, 6));
        assertThat(out.op().name()).isEqualTo("ReLUMaxPool2d");
        assertThat(out.inputs().get(0).op().name()).isEqualTo("Conv2d");
        assertThat(model.namedParameters().keySet()).containsExactly("0.weight", "0.bias");
    }
}
