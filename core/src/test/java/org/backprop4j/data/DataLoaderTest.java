package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Workspace;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** n samples of d features; sample i has features i*1000 + j and label i mod 3, so rows identify samples. */
    private static Dataset numbered(int n, int d) {
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = i * 1000 + j;
            }
            y[i] = i % 3;
        }
        return new Dataset(x, d, y, 3);
    }

    /** The sample ids of one epoch, checking that each batch's rows and labels belong to the same sample. */
    private static List<Integer> epoch(DataLoader loader) {
        List<Integer> ids = new ArrayList<>();
        int d = loader.dataset().numFeatures();
        for (Batch b : loader) {
            assertThat(b.x().dtype()).isEqualTo(DType.FLOAT32);
            assertThat(b.x().shape()).containsExactly(b.size(), d);
            assertThat(b.x().requiresGradFlag()).isFalse();
            float[] x = b.x().data().floatData();
            for (int r = 0; r < b.size(); r++) {
                int id = (int) (x[r * d] / 1000);
                for (int j = 0; j < d; j++) {
                    assertThat(x[r * d + j]).isEqualTo(id * 1000f + j);
                }
                assertThat(b.y()[r]).isEqualTo(id % 3);
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    @Test
    void inOrderWithoutShuffle() {
        DataLoader loader = new DataLoader(numbered(10, 3), 4);
        assertThat(loader.numBatches()).isEqualTo(3);
        assertThat(loader.shuffles()).isFalse();
        assertThat(loader.rng()).isEmpty();
        List<Integer> sizes = new ArrayList<>();
        loader.forEach(b -> sizes.add(b.size()));
        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(epoch(loader)).isEqualTo(range(10));
    }

    @Test
    void dropLastDropsTheShortBatch() {
        DataLoader loader = DataLoader.builder(numbered(10, 2)).batchSize(4).dropLast(true).build();
        assertThat(loader.numBatches()).isEqualTo(2);
        assertThat(epoch(loader)).isEqualTo(range(8));
        DataLoader tooBig = DataLoader.builder(numbered(3, 2)).batchSize(4).dropLast(true).build();
        assertThat(tooBig.numBatches()).isZero();
        assertThat(tooBig.iterator().hasNext()).isFalse();
    }

    @Property(tries = 50)
    void shuffledEpochCoversEverySampleOnce(@ForAll @IntRange(min = 1, max = 60) int n,
                                            @ForAll @IntRange(min = 1, max = 17) int batch,
                                            @ForAll long seed) {
        DataLoader loader = DataLoader.builder(numbered(n, 2)).batchSize(batch).shuffle(seed).build();
        for (int e = 0; e < 2; e++) {
            List<Integer> ids = epoch(loader);
            assertThat(ids).hasSize(n).containsExactlyInAnyOrderElementsOf(range(n));
        }
        assertThat(loader.numBatches()).isEqualTo((n + batch - 1) / batch);
    }

    @Property(tries = 30)
    void shuffledDropLastCoversDistinctSamples(@ForAll @IntRange(min = 1, max = 60) int n,
                                               @ForAll @IntRange(min = 1, max = 17) int batch) {
        DataLoader loader = DataLoader.builder(numbered(n, 1)).batchSize(batch).shuffle(7).dropLast(true).build();
        List<Integer> ids = epoch(loader);
        assertThat(ids).hasSize(n / batch * batch).doesNotHaveDuplicates();
    }

    @Test
    void sameSeedSameOrderDifferentAcrossEpochs() {
        Dataset ds = numbered(50, 2);
        DataLoader a = DataLoader.builder(ds).batchSize(8).shuffle(42).build();
        DataLoader b = DataLoader.builder(ds).batchSize(8).shuffle(42).build();
        List<Integer> a1 = epoch(a);
        List<Integer> a2 = epoch(a);
        assertThat(epoch(b)).isEqualTo(a1);
        assertThat(epoch(b)).isEqualTo(a2);
        assertThat(a2).isNotEqualTo(a1);
        assertThat(a1).isNotEqualTo(range(50));
        DataLoader c = DataLoader.builder(ds).batchSize(8).shuffle(43).build();
        assertThat(epoch(c)).isNotEqualTo(a1);
    }

    @Test
    void rngStateResumesTheNextEpochsOrder() {
        Dataset ds = numbered(30, 1);
        DataLoader run = DataLoader.builder(ds).batchSize(5).shuffle(9).build();
        epoch(run);
        long[] saved = run.rng().orElseThrow().state();
        List<Integer> second = epoch(run);

        DataLoader resumed = DataLoader.builder(ds).batchSize(5).shuffle(1234).build();
        resumed.rng().orElseThrow().setState(saved);
        assertThat(epoch(resumed)).isEqualTo(second);
    }

    @Test
    void sharedRngIsUsedNotCopied() {
        Rng rng = new Rng(5);
        DataLoader loader = DataLoader.builder(numbered(4, 1)).shuffle(rng).build();
        assertThat(loader.rng()).containsSame(rng);
        long[] before = rng.state();
        loader.iterator();
        assertThat(rng.state()).isNotEqualTo(before);
    }

    @Test
    void batchesAreFreshArrays() {
        DataLoader loader = new DataLoader(numbered(4, 2), 2);
        Iterator<Batch> it = loader.iterator();
        Batch first = it.next();
        Batch second = it.next();
        assertThat(first.x().data().floatData()).isNotSameAs(second.x().data().floatData());
        assertThat(first.x().toDoubleArray()).containsExactly(0, 1, 1000, 1001);
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void rejectsBadBatchSize() {
        assertThatThrownBy(() -> DataLoader.builder(numbered(4, 1)).batchSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size must be at least 1, got 0");
    }

    @Test
    void epochOrderAndBatchGiveTheIteratorsBatches() {
        Dataset ds = numbered(11, 2);
        DataLoader a = DataLoader.builder(ds).batchSize(4).shuffle(11).dropLast(true).build();
        DataLoader b = DataLoader.builder(ds).batchSize(4).shuffle(11).dropLast(true).build();
        assertThat(a.samplesPerEpoch()).isEqualTo(8);
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = a.epochOrder();
            assertThat(order).hasSize(11);
            int from = 0;
            for (Batch expected : b) {
                Batch got = a.batch(order, from, from + 4);
                assertThat(got.y()).containsExactly(expected.y());
                assertThat(got.x().toDoubleArray()).containsExactly(expected.x().toDoubleArray());
                from += 4;
            }
            assertThat(from).isEqualTo(8);
        }
    }

    @Property(tries = 50)
    void aLoaderOfIndicesDrawsTheOrdersOfALoaderOfAsManySamples(@ForAll @IntRange(min = 0, max = 300) int n,
                                                                 @ForAll @IntRange(min = 1, max = 40) int batch) {
        DataLoader data = DataLoader.builder(numbered(n, 2)).batchSize(batch).shuffle(new Rng(n)).dropLast(n % 2 == 0).build();
        DataLoader indices = DataLoader.builder(n).batchSize(batch).shuffle(new Rng(n)).dropLast(n % 2 == 0).build();
        assertThat(indices.size()).isEqualTo(n);
        assertThat(indices.numBatches()).isEqualTo(data.numBatches());
        assertThat(indices.samplesPerEpoch()).isEqualTo(data.samplesPerEpoch());
        for (int e = 0; e < 3; e++) {
            assertThat(indices.epochOrder()).isEqualTo(data.epochOrder());
        }
    }

    @Test
    void aLoaderOfIndicesHasNoData() {
        DataLoader indices = DataLoader.builder(10).build();
        assertThatThrownBy(indices::dataset).isInstanceOf(IllegalStateException.class).hasMessageContaining("10 samples");
        assertThatThrownBy(indices::iterator).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DataLoader.builder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Inside a step's workspace scope a batch's features reuse the previous step's array; outside, they are fresh. */
    @Test
    void aBatchGatheredInAStepsWorkspaceReusesItsArray() {
        Dataset data = numbered(10, 3);
        DataLoader loader = DataLoader.builder(data).batchSize(4).build();
        int[] order = {9, 0, 5, 2, 7, 1, 3, 4, 6, 8};
        Workspace ws = new Workspace();
        float[][] seen = new float[2][];
        for (int step = 0; step < 2; step++) {
            try (Workspace scope = ws.begin()) {
                Batch b = loader.batch(order, 4 * step, 4 * step + 4);
                seen[step] = b.x().data().floatData();
                for (int r = 0; r < 4; r++) {
                    int row = order[4 * step + r];
                    for (int c = 0; c < 3; c++) {
                        assertThat(seen[step][r * 3 + c]).isEqualTo(data.featureData()[row * 3 + c]);
                    }
                    assertThat(b.y()[r]).isEqualTo(data.labelData()[row]);
                }
            }
        }
        assertThat(seen[1]).isSameAs(seen[0]);
        float[] outside = loader.batch(order, 0, 4).x().data().floatData();
        assertThat(outside).isNotSameAs(seen[0]).isNotSameAs(loader.batch(order, 0, 4).x().data().floatData());
    }
}
