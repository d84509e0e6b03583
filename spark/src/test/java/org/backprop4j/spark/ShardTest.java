package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backprop4j.data.Dataset;
import org.backprop4j.ndarray.DType;
import org.junit.jupiter.api.Test;

/** Shards cover the data set contiguously, and the epoch order is the loader's. */
class ShardTest {
    private static final Dataset DATA = Fixtures.digits(50);

    @Test
    void shardsAreContiguousAndCoverEverySample() {
        List<Shard> shards = Shard.split(DATA, 3);
        assertThat(shards).extracting(Shard::size).containsExactly(17, 17, 16);
        int[] all = new int[50];
        for (int i = 0; i < 50; i++) {
            all[i] = i;
        }
        int total = 0;
        for (Shard s : shards) {
            int[] rows = s.rowsOf(all);
            total += rows.length;
            assertThat(s.labels(rows)).hasSize(s.size());
        }
        assertThat(total).isEqualTo(50);
        int[] batch = {49, 0, 20, 33, 17};
        assertThat(shards.get(1).rowsOf(batch)).containsExactly(3, 16, 0);
        assertThat(shards.get(1).labels(new int[]{3})).containsExactly(DATA.label(20));
        assertThat(shards.get(2).features(new int[]{15}, DType.FLOAT64).toDoubleArray()[1])
                .isEqualTo(DATA.feature(49, 1));
    }
}
