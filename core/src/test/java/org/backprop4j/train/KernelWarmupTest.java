package org.backprop4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.backprop4j.kernel.Kernels;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.LayerList;
import org.backprop4j.nn.LayerRegistry;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerRegistry;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The warm-up trains the run's architecture with the run's optimiser and leaves nothing of the caller's changed. */
class KernelWarmupTest {
    /** A bound on waiting for a few rounds; the tests assert what was done, never how fast. */
    private static final long WAIT_MILLIS = 600_000;
    private static final String CNN = "conv2d(4,3,padding=1) relu maxpool2d(2) conv2d(6,3,padding=1) relu maxpool2d(2) "
            + "flatten linear(8) relu linear";
    private static final Function<List<Tensor>, Optimizer> ADAM = ps -> OptimizerRegistry.create("adam", ps, Map.of());

    private static KernelWarmup.ModelFactory mlp(List<int[]> shapesSeen) {
        return (shape, classes, rng) -> {
            shapesSeen.add(shape.clone());
            return Mlp.of(shape[0], new int[]{20}, classes, "relu", 0.1, rng, DType.FLOAT32);
        };
    }

    private static KernelWarmup.ModelFactory layers(String spec, List<int[]> shapesSeen) {
        return (shape, classes, rng) -> {
            shapesSeen.add(shape.clone());
            return LayerList.build(spec, shape, classes, rng, DType.FLOAT32);
        };
    }

    /** Runs at least {@code rounds} rounds on a thread (whatever the kernel set), then stops it. */
    private static KernelWarmup runRounds(int[] shape, KernelWarmup.ModelFactory models,
                                          Function<List<Tensor>, Optimizer> optimizers, int rounds) {
        KernelWarmup w = KernelWarmup.start(shape, 10, 32, models, optimizers, rounds, true);
        w.finish(WAIT_MILLIS);
        return w;
    }

    @Test
    void trainsAnMlpWithEachOptimiserOnFlatSamplesCutDown() {
        for (String name : OptimizerRegistry.names()) {
            List<int[]> shapes = Collections.synchronizedList(new ArrayList<>());
            KernelWarmup w = runRounds(new int[]{784}, mlp(shapes), ps -> OptimizerRegistry.create(name, ps, Map.of()), 2);
            assertThat(w.failure()).as(name).isNull();
            assertThat(w.rounds()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(w.running()).isFalse();
            assertThat(shapes).as(name).isNotEmpty().allSatisfy(s -> assertThat(s).containsExactly(KernelWarmup.FEATURES));
        }
    }

    @Test
    void runsEveryFewRoundsAtTheRunsOwnSizeOnceTheSmallRoundsAreDone() {
        assertThat(KernelWarmup.fullSize(KernelWarmup.SMALL_ROUNDS - 1)).isFalse();
        assertThat(KernelWarmup.fullSize(KernelWarmup.SMALL_ROUNDS)).isTrue();
        assertThat(KernelWarmup.fullSize(KernelWarmup.SMALL_ROUNDS + 1)).isFalse();
        assertThat(KernelWarmup.fullSize(KernelWarmup.SMALL_ROUNDS + KernelWarmup.FULL_SIZE_EVERY)).isTrue();
        List<int[]> shapes = Collections.synchronizedList(new ArrayList<>());
        KernelWarmup w = runRounds(new int[]{784}, mlp(shapes), ADAM, KernelWarmup.SMALL_ROUNDS + 2);
        assertThat(w.failure()).isNull();
        assertThat(shapes.subList(0, KernelWarmup.SMALL_ROUNDS))
                .allSatisfy(s -> assertThat(s).containsExactly(KernelWarmup.FEATURES));
        assertThat(shapes).anySatisfy(s -> assertThat(s).containsExactly(784));
    }

    @Test
    void leavesOutFullSizeRoundsWhoseDataWouldBeLarge() {
        int side = 1024; // 32 + 3 + 2 x 32 + 10 samples of 1 Mi values each: over the limit
        assertThat((long) side * side * (32 + 3 + 2 * 32 + 10)).isGreaterThan(KernelWarmup.FULL_SIZE_MAX_VALUES);
        List<int[]> shapes = Collections.synchronizedList(new ArrayList<>());
        KernelWarmup w = runRounds(new int[]{1, side, side}, layers("flatten linear(4) relu linear", shapes), ADAM,
                KernelWarmup.SMALL_ROUNDS + 2);
        assertThat(w.failure()).isNull();
        int small = KernelWarmup.IMAGE_SIDE;
        assertThat(shapes).isNotEmpty().allSatisfy(s -> assertThat(s).containsExactly(1, small, small));
    }

    @Test
    void keepsFlatSamplesSmallerThanTheCut() {
        List<int[]> shapes = Collections.synchronizedList(new ArrayList<>());
        KernelWarmup w = runRounds(new int[]{4}, mlp(shapes), ADAM, 1);
        assertThat(w.failure()).isNull();
        assertThat(shapes).allSatisfy(s -> assertThat(s).containsExactly(4));
    }

    @Test
    void trainsACnnLayerListOnSmallerImages() {
        List<int[]> shapes = Collections.synchronizedList(new ArrayList<>());
        KernelWarmup w = runRounds(new int[]{1, 28, 28}, layers(CNN, shapes), ADAM, 2);
        assertThat(w.failure()).isNull();
        assertThat(w.rounds()).isGreaterThanOrEqualTo(2);
        int side = KernelWarmup.IMAGE_SIDE;
        assertThat(shapes).isNotEmpty().allSatisfy(s -> assertThat(s).containsExactly(1, side, side));
    }

    @Test
    void usesTheFullImageWhenTheLayersDoNotFitTheSmallOne() {
        // two unpadded 5x5 convolutions around a 2x2 pool leave nothing of a 12x12 image, 8x8 of a 28x28 one
        String spec = "conv2d(2,5) relu maxpool2d(2) conv2d(2,5) flatten linear";
        List<int[]> shapes = Collections.synchronizedList(new ArrayList<>());
        KernelWarmup w = runRounds(new int[]{1, 28, 28}, layers(spec, shapes), ADAM, 1);
        assertThat(w.failure()).isNull();
        assertThat(w.rounds()).isGreaterThanOrEqualTo(1);
        assertThat(shapes.get(shapes.size() - 1)).containsExactly(1, 28, 28);
    }

    @Test
    void leavesTheCallersModelGeneratorsKernelsAndRegistriesAsTheyWere() {
        Rng callerRng = new Rng(7);
        Sequential callerModel = Mlp.of(784, new int[]{20}, 10, "relu", 0, callerRng, DType.FLOAT32);
        List<float[]> params = new ArrayList<>();
        callerModel.parameters().forEach(p -> params.add(p.toFloatArray()));
        long[] callerState = callerRng.state();
        long[] defaultState = Init.defaultRng().state();
        String kernels = Kernels.implementation();
        int threads = Kernels.threads();
        Set<String> layerTypes = Set.copyOf(LayerRegistry.types());
        Set<String> optimizers = Set.copyOf(OptimizerRegistry.names());

        KernelWarmup w = runRounds(new int[]{784}, mlp(new ArrayList<>()), ADAM, 3);

        assertThat(w.failure()).isNull();
        assertThat(w.rounds()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < params.size(); i++) {
            assertThat(callerModel.parameters().get(i).toFloatArray()).containsExactly(params.get(i));
            assertThat(callerModel.parameters().get(i).grad()).isNull();
        }
        assertThat(callerRng.state()).containsExactly(callerState);
        assertThat(Init.defaultRng().state()).containsExactly(defaultState);
        assertThat(Kernels.implementation()).isEqualTo(kernels);
        assertThat(Kernels.threads()).isEqualTo(threads);
        assertThat(LayerRegistry.types()).isEqualTo(layerTypes);
        assertThat(OptimizerRegistry.names()).isEqualTo(optimizers);
    }

    @Test
    void stopsOnClose() throws InterruptedException {
        AtomicInteger built = new AtomicInteger();
        KernelWarmup w = KernelWarmup.start(new int[]{784}, 10, 32, (shape, classes, rng) -> {
            built.incrementAndGet();
            return Mlp.of(shape[0], new int[]{20}, classes, "relu", 0, rng, DType.FLOAT32);
        }, ADAM, Integer.MAX_VALUE, true);
        for (long waited = 0; w.rounds() < 1 && waited < WAIT_MILLIS; waited += 10) {
            Thread.sleep(10);
        }
        assertThat(w.rounds()).isPositive();
        w.close();
        assertThat(w.running()).isFalse();
        int after = built.get();
        assertThat(w.failure()).isNull();
        w.close(); // a second close is harmless
        assertThat(built.get()).isEqualTo(after);
    }

    @Test
    void startsNoThreadWithThePlainKernels() {
        String before = Kernels.implementation();
        Kernels.use("plain");
        try {
            AtomicInteger built = new AtomicInteger();
            KernelWarmup w = KernelWarmup.start(new int[]{784}, 10, 32, (shape, classes, rng) -> {
                built.incrementAndGet();
                return Mlp.of(shape[0], new int[]{20}, classes, "relu", 0, rng, DType.FLOAT32);
            }, ADAM);
            assertThat(w.running()).isFalse();
            w.finish(WAIT_MILLIS);
            assertThat(w.rounds()).isZero();
            assertThat(built.get()).isZero();
        } finally {
            Kernels.use(before);
        }
    }

    @Test
    void rejectsAShapeWithoutSizesOrClasses() {
        assertThatThrownBy(() -> KernelWarmup.start(new int[0], 10, 32, mlp(new ArrayList<>()), ADAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample shape");
        assertThatThrownBy(() -> KernelWarmup.start(new int[]{4}, 0, 32, mlp(new ArrayList<>()), ADAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
    }
}
